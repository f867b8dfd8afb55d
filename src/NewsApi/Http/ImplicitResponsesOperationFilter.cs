using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.Http;

/// <summary>Answers the server gives before any handler runs, which no endpoint metadata declares: 413
/// (over the 2 MB limit) and 415 (not JSON) on every operation that reads a body, and 401 on the content
/// API, which a deployment may close to keyless callers with ContentApi:RequireKey.</summary>
public sealed class ImplicitResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (operation.RequestBody is not null)
        {
            Add(operation.Responses, context, "413", "Content Too Large: the body is over 2 MB.");
            Add(operation.Responses, context, "415", "Unsupported Media Type: send application/json (application/merge-patch+json for PATCH).");
        }
        var path = context.ApiDescription.RelativePath ?? "";
        if (path.StartsWith("v1/", StringComparison.Ordinal) && !path.StartsWith("v1/admin", StringComparison.Ordinal) && !path.StartsWith("v1/preview", StringComparison.Ordinal))
            Add(operation.Responses, context, "401", "Unauthorized: only when the service runs with ContentApi:RequireKey=true and no valid key (reader or above) was sent.");
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
