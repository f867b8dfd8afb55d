using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NewsApi.Tests.Hardening;

/// <summary>One malformed request: where the bad value went, what it was, and whether a success can be right.</summary>
public sealed record BadInputCase(ContractOperation Operation, string Where, BadValue Value, string PathAndQuery, byte[]? Body, string? ContentType)
{
    /// <summary>A 2xx or 3xx is right for this input (see <see cref="BadInputPolicy"/>); otherwise only a 4xx is.</summary>
    public bool MayBeValid { get; init; }

    /// <summary>Request headers, sent as they are (no client-side validation).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public override string ToString() => $"{Operation} {Where} = {Value.Label}";
}

/// <summary>Builds the cases for an operation from its contract: each path and query parameter and each top-level
/// body member gets every malformed value of its kind, one at a time, with the rest of the request valid.</summary>
public static class BadInputCases
{
    /// <summary>Members whose baseline must point at this machine: no test sends traffic anywhere but 127.0.0.1.</summary>
    private static readonly Dictionary<string, JsonNode> Baseline = new()
    {
        ["section"] = "desh",
        ["url"] = "http://127.0.0.1:9/hook",
        ["canonicalUrl"] = "http://127.0.0.1:9/article",
        ["name"] = "नाम",
        ["headline"] = "शीर्षक",
    };

    public static IEnumerable<BadInputCase> For(ContractOperation op)
    {
        var cases = new List<BadInputCase>();
        var body = op.Body is { } schema && op.BodyMediaType!.Contains("json", StringComparison.Ordinal) ? BaselineBody(schema) : null;
        var bodyBytes = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        foreach (var parameter in op.Parameters)
        {
            foreach (var value in BadValues.ForUrl(parameter.Type, parameter.Format))
                cases.Add(new BadInputCase(op, $"{parameter.In} {parameter.Name}", value, Url(op, parameter.Name, value.AsText), bodyBytes, op.BodyMediaType)
                    { MayBeValid = BadInputPolicy.MayBeValid(op, parameter.In, parameter.Type, parameter.Format, value.Kind) });
        }
        if (body is not null)
        {
            foreach (var (name, memberSchema) in Members(op.Body!.Value))
            {
                var type = ContractOperations.TypeOf(memberSchema);
                foreach (var value in BadValues.ForMember(type))
                    cases.Add(new BadInputCase(op, $"body {name}", value, Url(op, null, null), WithMember(body, name, value.Raw), op.BodyMediaType)
                        { MayBeValid = BadInputPolicy.MayBeValid(op, "body", type, Format(memberSchema), value.Kind) });
            }
            foreach (var (value, contentType) in BadValues.WholeJsonBodies(op.BodyMediaType!))
                cases.Add(new BadInputCase(op, "body", value, Url(op, null, null), value.Raw, contentType));
        }
        else if (op.BodyMediaType is { } xml)
        {
            foreach (var (value, contentType) in BadValues.XmlBodies(xml))
                cases.Add(new BadInputCase(op, "body", value, Url(op, null, null), value.Raw, contentType) { MayBeValid = BadInputPolicy.XmlMayBeAccepted(value.Kind) });
        }
        foreach (var header in op.Headers)
        {
            foreach (var value in BadValues.ForHeader(header.Name))
                cases.Add(new BadInputCase(op, $"header {header.Name}", value, Url(op, null, null), bodyBytes, op.BodyMediaType)
                    { MayBeValid = BadInputPolicy.HeaderMayBeValid(header.Name, value.Kind), Headers = BaselineHeaders(op, (header.Name, value.AsText)) });
        }
        cases.Add(Million(op, body));
        // A required If-Match at a plausible version, so that the other bad values reach the checks after it.
        return cases.Select(c => c.Where.StartsWith("header ", StringComparison.Ordinal) ? c : c with { Headers = BaselineHeaders(op, null) });
    }

    private static Dictionary<string, string> BaselineHeaders(ContractOperation op, (string Name, string Value)? bad)
    {
        var headers = op.Headers.Where(h => h.Required).ToDictionary(h => h.Name, _ => "\"1\"", StringComparer.OrdinalIgnoreCase);
        if (bad is { } b) headers[b.Name] = b.Value;
        return headers;
    }

    /// <summary>A million characters, once per operation: in the first string body member, else the first parameter,
    /// else an extra path segment.</summary>
    private static BadInputCase Million(ContractOperation op, JsonObject? body)
    {
        var value = BadValue.Text(BadKind.Long1M, "1M characters", BadValues.Million);
        if (body is not null && Members(op.Body!.Value).FirstOrDefault(m => ContractOperations.TypeOf(m.Schema) == "string") is { Name: { } member } found)
            return new BadInputCase(op, $"body {member}", value, Url(op, null, null), WithMember(body, member, Encoding.UTF8.GetBytes($"\"{BadValues.Million}\"")), op.BodyMediaType)
                { MayBeValid = false };
        if (op.Parameters.Count > 0 && op.Parameters[0] is { } p)
            return new BadInputCase(op, $"{p.In} {p.Name}", value, Url(op, p.Name, BadValues.Million), null, op.BodyMediaType is null ? null : op.BodyMediaType)
                { MayBeValid = BadInputPolicy.MayBeValid(op, p.In, p.Type, p.Format, BadKind.Long1M) };
        // No parameters (health): a path segment too many, which no route takes (404). A query string would be refused
        // with a 400 that such an operation does not declare.
        return new BadInputCase(op, "path (extra segment)", value, Url(op, null, null) + "/" + BadValues.Million, null, null);
    }

    /// <summary>The operation's URL with <paramref name="name"/> set to <paramref name="raw"/> (already encoded) and
    /// every other path parameter at a plausible value; query parameters other than the bad one are left out.</summary>
    private static string Url(ContractOperation op, string? name, string? raw)
    {
        var path = op.Template;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
            path = path.Replace("{" + p.Name + "}", p.Name == name ? raw : p.Type == "integer" ? "1" : "desh", StringComparison.Ordinal);
        var query = op.Parameters.FirstOrDefault(p => p.In == "query" && p.Name == name);
        return query is null ? path : $"{path}?{query.Name}={raw}";
    }

    private static IEnumerable<(string Name, JsonElement Schema)> Members(JsonElement schema) =>
        schema.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => (p.Name, p.Value)) : [];

    private static string? Format(JsonElement schema) => schema.TryGetProperty("format", out var f) ? f.GetString() : null;

    /// <summary>A body with every required member at a valid value, so a bad member is read past the others.</summary>
    private static JsonObject BaselineBody(JsonElement schema)
    {
        var body = new JsonObject();
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!).ToHashSet() : [];
        foreach (var (name, member) in Members(schema).Where(m => required.Contains(m.Name)))
            body[name] = Baseline.TryGetValue(name, out var fixedValue) ? fixedValue.DeepClone() : Valid(member);
        return body;
    }

    private static JsonNode? Valid(JsonElement schema)
    {
        schema = ContractOperations.Resolve(schema);
        if (schema.TryGetProperty("enum", out var e)) return JsonNode.Parse(e[0].GetRawText());
        return ContractOperations.TypeOf(schema) switch
        {
            "array" => new JsonArray(schema.TryGetProperty("items", out var items) && Valid(items) is { } item ? [item] : []),
            "integer" or "number" => 1,
            "boolean" => true,
            "object" => new JsonObject(),
            _ => schema.TryGetProperty("examples", out var ex) ? JsonNode.Parse(ex[0].GetRawText()) : "x",
        };
    }

    /// <summary>The body with <paramref name="member"/> set to raw JSON text (which may be invalid on purpose).</summary>
    private static byte[] WithMember(JsonObject body, string member, byte[] raw)
    {
        var rest = body.Where(p => p.Key != member).Select(p => $"{JsonSerializer.Serialize(p.Key)}:{p.Value!.ToJsonString()}");
        var head = Encoding.UTF8.GetBytes("{" + string.Concat(rest.Select(r => r + ",")) + JsonSerializer.Serialize(member) + ":");
        return [.. head, .. raw, (byte)'}'];
    }
}
