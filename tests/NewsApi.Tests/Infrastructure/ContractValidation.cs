using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace NewsApi.Tests.Infrastructure;

/// <summary>Every answer the test suite receives is checked against openapi/newsapi.v1.json: the status must be
/// declared for the operation, the media type too, and a JSON body must validate against the declared schema
/// (JsonSchema.Net, draft 2020-12, which is OpenAPI 3.1's dialect). What breaks the contract is collected per
/// service and fails the test that caused it (ApiTestBase's TearDown).</summary>
public sealed class ContractViolations
{
    private readonly ConcurrentQueue<string> _found = new();

    public void Add(string violation) => _found.Enqueue(violation);

    public List<string> TakeAll()
    {
        var all = new List<string>();
        while (_found.TryDequeue(out var v)) all.Add(v);
        return all;
    }
}

/// <summary>Outermost middleware (a startup filter runs before Program's pipeline), so it sees the final answer.</summary>
public sealed class ContractValidationStartupFilter(ContractViolations violations) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                context.Response.Body = original;
                buffer.Position = 0;
                await buffer.CopyToAsync(original);
            }
            var request = context.Request;
            var problem = ContractResponses.Check(request.Method, request.Path.Value ?? "/", context.Response, buffer.ToArray());
            if (problem is not null) violations.Add($"{request.Method} {request.Path}{request.QueryString} -> {context.Response.StatusCode}: {problem}");
        });
        next(app);
    };
}

public static class ContractResponses
{
    private static readonly Uri Base = new("https://newsapi.test/openapi/newsapi.v1.json");
    private static readonly Lazy<(JsonElement Doc, List<(Regex Pattern, string Template)> Paths, BuildOptions Build)> Contract = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List };

    private static (JsonElement, List<(Regex, string)>, BuildOptions) Load()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsApi.sln"))) dir = dir.Parent;
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "openapi", "newsapi.v1.json"))).RootElement.Clone();
        var registry = new SchemaRegistry();
        registry.Register(new JsonElementBaseDocument(doc, Base));
        // Literal segments first: /v1/articles/slug/{slug} before /v1/articles/{id}/related.
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name)
            .OrderByDescending(t => t.Split('/').Count(s => !s.StartsWith('{')))
            .Select(t => (new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^/]+?}", "[^/]+") + "$", RegexOptions.CultureInvariant), t))
            .ToList();
        return (doc, paths, new BuildOptions { SchemaRegistry = registry });
    }

    /// <summary>Null when the answer keeps the contract (or its path is not in the contract: Swagger UI, unknown URLs).</summary>
    public static string? Check(string method, string path, HttpResponse response, byte[] body)
    {
        var (doc, paths, build) = Contract.Value;
        var template = paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
        if (template is null || !doc.GetProperty("paths").GetProperty(template).TryGetProperty(method.ToLowerInvariant(), out var operation)) return null;
        var status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var responses = operation.GetProperty("responses");
        if (!responses.TryGetProperty(status, out var declared) && !responses.TryGetProperty("default", out declared))
            return $"status {status} is not declared for {method} {template}";
        if (body.Length == 0 || response.Headers.ContentEncoding.Count > 0) return null;
        var mediaType = response.ContentType?.Split(';')[0].Trim() ?? "";
        if (!declared.TryGetProperty("content", out var content) || !content.TryGetProperty(mediaType, out var media))
            return $"media type '{mediaType}' is not declared for {status}";
        if (!mediaType.EndsWith("json", StringComparison.Ordinal) || !media.TryGetProperty("schema", out _)) return null;
        var pointer = $"#/paths/{Escape(template)}/{method.ToLowerInvariant()}/responses/{status}/content/{Escape(mediaType)}/schema";
        var schema = Schemas.GetOrAdd(pointer, p => JsonSchema.FromText($"{{\"$ref\":\"{Base}{p}\"}}", build));
        using var instance = JsonDocument.Parse(body);
        var result = schema.Evaluate(instance.RootElement, Evaluation);
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5);
        return $"body does not match {pointer}: {string.Join("; ", errors)}";
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
}
