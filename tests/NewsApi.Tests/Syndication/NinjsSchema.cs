using System.Text.Json;
using Json.Schema;

namespace NewsApi.Tests.Syndication;

/// <summary>IPTC's ninjs 2.2 JSON Schema (draft 2020-12), embedded from shared/standards, run by JsonSchema.Net 8
/// with format assertions on (by default 2020-12 only annotates formats, and uri / date-time are what a
/// partner's importer trips on).</summary>
public static class NinjsSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(NinjsSchema).Assembly.GetManifestResourceStream("ninjs-schema_2.2.json")!;
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    });

    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>Asserts that <paramref name="document"/> is a valid ninjs 2.2 item; the failure names each error's place.</summary>
    public static void AssertValid(JsonElement document, string what)
    {
        var errors = Errors(document);
        if (errors.Count > 0) Assert.Fail($"{what} is not valid ninjs 2.2:\n{string.Join('\n', errors)}\n{document}");
    }

    /// <summary>Where and why <paramref name="document"/> fails the schema; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement document)
    {
        var result = Schema.Value.Evaluate(document, Options);
        if (result.IsValid) return [];
        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")).DefaultIfEmpty("invalid")];
    }
}
