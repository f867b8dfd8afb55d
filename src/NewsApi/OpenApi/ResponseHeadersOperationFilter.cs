using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Response headers the README promises and code outside the handlers' typed results writes:
/// <c>Location</c> on every 201 and 301, <c>ETag</c> on a write's answer (the next <c>If-Match</c>),
/// <c>Link: rel="next"</c> on every paged list (an operation with a <c>cursor</c> parameter) and
/// <c>Surrogate-Key</c> on the content API's answers. Decided by status, method and parameters, so new
/// routes get them without being listed here.</summary>
public sealed class ResponseHeadersOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Responses is null) return;
        var method = context.ApiDescription.HttpMethod?.ToUpperInvariant();
        var write = method is "POST" or "PUT" or "PATCH";
        var content = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ContentApiEndpoint>().Any();
        var paged = operation.Parameters?.Any(p => p.Name == "cursor" && p.In == ParameterLocation.Query) == true;
        foreach (var (status, declared) in operation.Responses)
        {
            if (declared is not OpenApiResponse response) continue;
            if (status is "201")
                Add(response, "Location", "Where the created resource is read (and edited) from now on.");
            if (status is "301")
                Add(response, "Location", "The article's current URL: its slug changed; the old one is kept as a redirect, and the query string is carried over.");
            if (write && status is "200" or "201" && response.Content is { Count: > 0 } && (operation.Responses.ContainsKey("428") || status == "201"))
                Add(response, "ETag", "The resource's new version (\"7\"): send it as If-Match with the next write. Sent for articles, sections, tags, authors and sources.");
            if (paged && status is "200")
                Add(response, "Link", "RFC 8288 `<…&cursor=…>; rel=\"next\"`: the same request for the next page; absent on the last page (nextCursor is then null).");
            if (content && status is "200" or "301")
                Add(response, "Surrogate-Key", "Space-separated cache keys of what the answer holds (`articles article-2 section-international tag-…`, slugs percent-encoded), for CDN purges.");
        }
    }

    private static void Add(OpenApiResponse response, string name, string description)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        response.Headers.TryAdd(name, new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
    }
}
