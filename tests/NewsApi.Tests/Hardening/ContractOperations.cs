using System.Text.Json;

namespace NewsApi.Tests.Hardening;

/// <summary>A parameter of an operation as the contract declares it.</summary>
public sealed record ContractParameter(string Name, string In, string Type, string? Format, bool Required = false);

/// <summary>One operation of openapi/newsapi.v1.json, reduced to what the bad-input suite sends.</summary>
/// <param name="Body">The JSON body's schema (refs resolved one level), or null.</param>
/// <param name="BodyMediaType">The first declared request media type.</param>
/// <param name="KeyOptional">The operation's security allows an anonymous caller (an empty requirement).</param>
/// <param name="Headers">Its header parameters (If-Match, If-None-Match, If-Modified-Since).</param>
public sealed record ContractOperation(string Method, string Template, IReadOnlyList<ContractParameter> Parameters,
    JsonElement? Body, string? BodyMediaType, bool KeyOptional, IReadOnlyList<ContractParameter> Headers)
{
    public override string ToString() => $"{Method} {Template}";
}

/// <summary>Reads the committed contract, so that an operation added to it is covered by the suite without
/// anyone remembering to add it.</summary>
public static class ContractOperations
{
    private static readonly Lazy<JsonElement> Document = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsApi.sln"))) dir = dir.Parent;
        var path = Path.Combine(dir!.FullName, "openapi", "newsapi.v1.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    });

    private static readonly string[] Methods = ["get", "head", "post", "put", "patch", "delete"];

    public static IEnumerable<ContractOperation> All()
    {
        var doc = Document.Value;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                var declared = op.Value.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().Select(p => ToParameter(doc, p)).ToList() : [];
                var parameters = declared.Where(p => p.In is "path" or "query").ToList();
                JsonElement? body = null;
                string? mediaType = null;
                if (op.Value.TryGetProperty("requestBody", out var rb))
                {
                    var content = rb.GetProperty("content").EnumerateObject().First();
                    mediaType = content.Name;
                    if (content.Value.TryGetProperty("schema", out var schema)) body = Resolve(doc, schema);
                }
                var keyOptional = !op.Value.TryGetProperty("security", out var security)
                    || security.EnumerateArray().Any(r => !r.EnumerateObject().Any());
                yield return new ContractOperation(op.Name.ToUpperInvariant(), path.Name, parameters, body, mediaType, keyOptional,
                    declared.Where(p => p.In == "header").ToList());
            }
        }
    }

    /// <summary>The schema a <c>$ref</c> points at (or the schema itself).</summary>
    public static JsonElement Resolve(JsonElement schema) => Resolve(Document.Value, schema);

    private static JsonElement Resolve(JsonElement doc, JsonElement schema)
    {
        if (!schema.TryGetProperty("$ref", out var reference)) return schema;
        var target = doc;
        foreach (var part in reference.GetString()!.TrimStart('#', '/').Split('/')) target = target.GetProperty(part);
        return target;
    }

    private static ContractParameter ToParameter(JsonElement doc, JsonElement p)
    {
        p = Resolve(doc, p);
        var schema = p.TryGetProperty("schema", out var s) ? Resolve(doc, s) : default;
        return new ContractParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!,
            TypeOf(schema), schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null,
            p.TryGetProperty("required", out var required) && required.GetBoolean());
    }

    /// <summary>The one non-null type a schema allows ("string" when it does not say).</summary>
    public static string TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object) return "string";
        if (schema.TryGetProperty("type", out var type))
            return type.ValueKind == JsonValueKind.Array
                ? type.EnumerateArray().Select(t => t.GetString()!).FirstOrDefault(t => t != "null") ?? "null"
                : type.GetString()!;
        foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
            if (schema.TryGetProperty(combinator, out var options))
                return options.EnumerateArray().Select(o => TypeOf(Resolve(o))).FirstOrDefault(t => t != "null") ?? "object";
        return schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("properties", out _) ? "object" : "string";
    }
}
