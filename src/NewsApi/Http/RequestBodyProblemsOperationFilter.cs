using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Http;

/// <summary>Every operation that reads a body can answer 413 (over the 2 MB Kestrel limit) and 415 (not
/// JSON): both come from the server before any handler runs, so no endpoint metadata declares them.</summary>
public sealed class RequestBodyProblemsOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody is null) return;
        operation.Responses ??= [];
        Add(operation.Responses, context, "413", "Content Too Large: the body is over 2 MB.");
        Add(operation.Responses, context, "415", "Unsupported Media Type: send application/json (application/merge-patch+json for PATCH).");
    }

    private static void Add(OpenApiResponses responses, OperationFilterContext context, string status, string description)
    {
        if (responses.ContainsKey(status)) return;
        responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
    }
}
