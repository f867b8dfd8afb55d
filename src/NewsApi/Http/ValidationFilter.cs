using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Http.Metadata;

namespace NewsApi.Http;

/// <summary>FluentValidation for the endpoints of a route group: before a handler runs, every argument whose type
/// has a registered validator (the JSON body, and the <c>[AsParameters]</c> records of query parameters) is
/// validated, and the request is answered 400 with every failing field of all of them at once. Declares that 400.</summary>
public static class ValidationFilter
{
    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (ValidatedArguments(endpoint) is { Length: > 0 } validated)
                endpoint.FilterFactories.Add((_, next) => invocation => ValidateAsync(invocation, next, validated));
        });
        // Finally: after the handler's own metadata, so the declared 400 keeps its place among the responses.
        builder.Finally(endpoint =>
        {
            if (ValidatedArguments(endpoint) is { Length: > 0 })
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest,
                    typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        });
        return builder;
    }

    /// <param name="IsBody">A body may be missing (JSON <c>null</c>); an <c>[AsParameters]</c> record never is.</param>
    private sealed record ValidatedArgument(int Index, IValidator Validator, bool IsBody);

    private static ValidatedArgument[] ValidatedArguments(EndpointBuilder endpoint) =>
    [
        .. (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters() ?? [])
            .Select(p => (Parameter: p, Validator: endpoint.ApplicationServices.GetService(typeof(IValidator<>).MakeGenericType(p.ParameterType)) as IValidator))
            .Where(p => p.Validator is not null)
            .Select(p => new ValidatedArgument(p.Parameter.Position, p.Validator!, !p.Parameter.IsDefined(typeof(AsParametersAttribute)))),
    ];

    private static async ValueTask<object?> ValidateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, ValidatedArgument[] validated)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (index, validator, isBody) in validated)
        {
            var argument = invocation.Arguments[index];
            if (argument is null && isBody)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["A JSON body is required."] });
            if (argument is null) continue;
            var context = new ValidationContext<object>(argument);
            // Validators that need the request (which list a cursor must come from) read the endpoint from it.
            context.RootContextData[nameof(HttpContext)] = invocation.HttpContext;
            var result = await validator.ValidateAsync(context, invocation.HttpContext.RequestAborted);
            if (result.IsValid) continue;
            errors ??= [];
            foreach (var (field, messages) in result.ToDictionary()) errors[field] = messages;
        }
        return errors is null ? await next(invocation) : TypedResults.ValidationProblem(errors);
    }
}
