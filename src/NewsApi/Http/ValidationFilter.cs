using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http.Metadata;

namespace NewsApi.Http;

/// <summary>Runs the FluentValidation validator of the request body and answers 400 with every failing
/// field at once; declares that 400 in the endpoint metadata.</summary>
public sealed class ValidationFilter<T>(IValidator<T> validator) : IEndpointFilter, IEndpointMetadataProvider
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var argument = context.Arguments.OfType<T>().FirstOrDefault();
        if (argument is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
        var result = await validator.ValidateAsync(argument, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : TypedResults.ValidationProblem(result.ToDictionary());
    }

#pragma warning disable CA1000 // IEndpointMetadataProvider is a static interface member; it has to live on the generic filter.
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest,
            typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails), ["application/problem+json"]));
#pragma warning restore CA1000
}
