using Microsoft.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Answers the server gives before any handler runs, which no endpoint metadata declares: 413
/// (over Limits:MaxRequestBodyBytes) and 415 (not JSON) on every operation that reads a body, 401 on the content
/// API, which a deployment may close to keyless callers with ContentApi:RequireKey, and 503 with Retry-After
/// on every write (POST, PUT, PATCH, DELETE), answered when SQLite's one write lock stays busy for longer than
/// NewsApi:WriteLockTimeout; 400 where a number or date parameter may not parse; and 429 with Retry-After on every rate-limited operation.</summary>
public sealed class ImplicitResponsesOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        if (operation.RequestBody is not null)
        {
            Add(operation.Responses, context, "413", "Content Too Large: the body is over Limits:MaxRequestBodyBytes (2 MB by default); the detail names the limit.");
            Add(operation.Responses, context, "415", "Unsupported Media Type: send application/json (application/merge-patch+json for PATCH).");
        }
        if (context.ApiDescription.HttpMethod?.ToUpperInvariant() is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            var busy = Add(operation.Responses, context, "503", "Service Unavailable: the database stayed busy with other writes for longer than the configured lock wait (5 s by default); nothing was written. Send the same request again after Retry-After.");
            busy?.Headers = RetryAfter("Seconds to wait before sending the request again.");
        }
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            var limited = Add(operation.Responses, context, "429", "Too Many Requests: this key (or, without a key, this address) has used its requests for now (RateLimiting:PermitsPerMinute, AdminPermitsPerMinute, PartnerPermitsPerMinute). Send again after Retry-After.");
            limited?.Headers = RetryAfter("Seconds to wait before sending again.");
        }
        // A number or date in the path or query that does not parse is refused by the framework before the handler.
        if (operation.Parameters?.Any(p => p.In is ParameterLocation.Path or ParameterLocation.Query && p.Schema?.Type is { } t && !t.HasFlag(JsonSchemaType.String) && !t.HasFlag(JsonSchemaType.Array)) == true)
            Add(operation.Responses, context, "400", "Bad Request: a parameter could not be read (e.g. an id that is not a number).");
        // Any query string is checked before routing (QueryTextMiddleware): length, UTF-8, control characters.
        if (operation.Parameters?.Any(p => p.In is ParameterLocation.Query) == true)
            Add(operation.Responses, context, "400", "Bad Request: the query string is too long (Limits:MaxQueryLength), is not UTF-8 or holds control characters.");
        if (context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ContentApiEndpoint>().Any())
            Add(operation.Responses, context, "401", "Unauthorized: only when the service runs with ContentApi:RequireKey=true and no valid key (reader or above) was sent.");
    }

    private static Dictionary<string, IOpenApiHeader> RetryAfter(string description) => new()
    {
        ["Retry-After"] = new OpenApiHeader
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
        },
    };

    /// <summary>Declares a problem+json answer; returns it, or null when the operation already declares that status.</summary>
    private static OpenApiResponse? Add(OpenApiResponses responses, OperationFilterContext context, string status, string description)
    {
        if (responses.ContainsKey(status)) return null;
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/problem+json"] = new OpenApiMediaType { Schema = new OpenApiSchemaReference("ProblemDetails", context.Document) },
            },
        };
        responses[status] = response;
        return response;
    }
}
