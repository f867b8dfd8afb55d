using System.Net.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>What no endpoint's metadata can say: tag descriptions, the health probes (mapped by the health
/// check middleware, outside ApiExplorer) and a HEAD beside every GET (HeadAsGetMiddleware routes HEAD to the
/// GET endpoint, so ApiExplorer never sees it). Runs last, so a HEAD copies the GET's finished parameters and
/// headers.</summary>
public sealed class DocumentShapeFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Articles"] = "Published articles and teaser cards: the public content API, cacheable, keyset-paged.",
        ["Related"] = "Related stories and Read Previous / Read Next.",
        ["Taxonomy"] = "Sections, tags, authors and sources (agencies), with article counts.",
        ["Search"] = "Devanagari-aware full-text search; romanised Hindi finds Devanagari.",
        ["Feeds"] = "RSS 2.0, Atom and JSON Feed of the latest 50 articles.",
        ["Syndication"] = "The partner API: IPTC ninjs articles and a replayable change feed.",
        ["Preview"] = "Reading an unpublished article with a signed preview token.",
        ["Health"] = "Liveness and readiness probes for load balancers and orchestrators.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Paths ??= [];
        AddHealth(swaggerDoc, "/health/live", "getLive", "Liveness: the process answers", "200 while the process runs; it checks nothing else.");
        AddHealth(swaggerDoc, "/health/ready", "getReady", "Readiness: the database is reachable and migrated", "200 when the SQLite database answers and every migration is applied; 503 otherwise.");
        foreach (var item in swaggerDoc.Paths.Values.OfType<OpenApiPathItem>())
        {
            if (item.Operations?.TryGetValue(HttpMethod.Get, out var get) != true || item.Operations.ContainsKey(HttpMethod.Head)) continue;
            item.Operations[HttpMethod.Head] = Head(get!);
        }
        var used = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>()).Select(t => t.Name).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        swaggerDoc.Tags = new HashSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            // Admin groups are named "Admin: things"; each needs a key (see the operations' Access paragraph).
            Description = TagDescriptions.GetValueOrDefault(name)
                ?? (name.StartsWith("Admin: ", StringComparison.Ordinal) ? $"Editorial API, {name[7..]}: needs an API key." : $"{name} operations."),
        }));
    }

    /// <summary>The GET without bodies: a HEAD answer has the same status and headers, never content.</summary>
    private static OpenApiOperation Head(OpenApiOperation get)
    {
        var responses = new OpenApiResponses();
        foreach (var (status, response) in get.Responses ?? [])
            responses[status] = new OpenApiResponse { Description = response.Description, Headers = response.Headers is null ? null : new Dictionary<string, IOpenApiHeader>(response.Headers) };
        return new OpenApiOperation
        {
            OperationId = get.OperationId is { Length: > 0 } id ? "head" + char.ToUpperInvariant(id[0]) + id[1..] : null,
            Summary = "Headers only: " + get.Summary,
            Description = "The same as GET without the body (status, ETag, Last-Modified, Cache-Control, Link…): a cheap freshness check.",
            Tags = get.Tags,
            Parameters = get.Parameters,
            Responses = responses,
            Security = get.Security,
        };
    }

    private static void AddHealth(OpenApiDocument document, string path, string id, string summary, string description)
    {
        OpenApiResponse Text(string what) => new()
        {
            Description = what,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = ["Healthy", "Degraded", "Unhealthy"] } },
            },
        };
        var get = new OpenApiOperation
        {
            OperationId = id,
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
            Responses = new OpenApiResponses { ["200"] = Text("Healthy."), ["503"] = Text("Unhealthy: not ready for traffic.") },
            Security = [new OpenApiSecurityRequirement()],
        };
        document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = get } };
    }
}
