using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Hindi examples from the seed page (shared/seed/news-page.json, loaded as article 2), so Swagger UI and
/// generated docs show what the API really holds instead of <c>"string"</c>. By member name, with per-type values
/// where one name means different things (a section's name is not a tag's).</summary>
public sealed class ExamplesSchemaFilter : ISchemaFilter
{
    private const string Slug = "अलास्का-शिखर-सम्मेलन-से-पहले-पुतिन-के-साथ-फोन-पर-बातचीत-में-किम-ने-रूस-के-लिए-पूर्ण-समर्थन-जताया";

    private static readonly Dictionary<string, JsonNode> ByName = new(StringComparer.Ordinal)
    {
        ["headline"] = "अलास्का शिखर सम्मेलन से पहले पुतिन के साथ फोन पर बातचीत में किम ने रूस के लिए ‘पूर्ण समर्थन’ जताया",
        ["slug"] = Slug,
        ["excerpt"] = "उत्तर कोरिया के नेता किम जोंग-उन ने रूस के राष्ट्रपति व्लादिमीर पुतिन से फोन पर बातचीत में रूस को पूरा समर्थन देने की बात कही है।…",
        ["dateline"] = "सियोल",
        ["language"] = "hi",
        ["url"] = "http://localhost:8080/international/" + Uri.EscapeDataString(Slug),
        ["canonicalUrl"] = "http://localhost:8080/international/" + Uri.EscapeDataString(Slug),
        ["publishedAt"] = "2025-08-13T09:30:00Z",
        ["snippet"] = "रूस के राष्ट्रपति व्लादिमीर <mark>पुतिन</mark> से फोन पर बातचीत में…",
        ["text"] = "उत्तर कोरिया के नेता किम जोंग-उन ने रूस के राष्ट्रपति व्लादिमीर पुतिन से फोन पर बातचीत में रूस को पूरा समर्थन देने की बात कही है।",
        ["html"] = "<p>उत्तर कोरिया के नेता किम जोंग-उन ने रूस के राष्ट्रपति व्लादिमीर पुतिन से फोन पर बातचीत में रूस को पूरा समर्थन देने की बात कही है।</p>",
    };

    private static readonly Dictionary<string, Dictionary<string, JsonNode>> ByType = new(StringComparer.Ordinal)
    {
        ["SectionRef"] = new() { ["slug"] = "international", ["name"] = "अंतरराष्ट्रीय" },
        ["SectionItem"] = new() { ["slug"] = "international", ["name"] = "अंतरराष्ट्रीय" },
        ["SectionInput"] = new() { ["slug"] = "international", ["name"] = "अंतरराष्ट्रीय" },
        ["TagRef"] = new() { ["slug"] = "व्लादिमीर-पुतिन", ["name"] = "व्लादिमीर पुतिन" },
        ["TagItem"] = new() { ["slug"] = "व्लादिमीर-पुतिन", ["name"] = "व्लादिमीर पुतिन" },
        ["SourceRef"] = new() { ["slug"] = "ians", ["name"] = "आईएएनएस" },
        ["SourceItem"] = new() { ["slug"] = "ians", ["name"] = "आईएएनएस" },
        ["AuthorRef"] = new() { ["slug"] = "admin", ["name"] = "admin" },
        ["AuthorItem"] = new() { ["slug"] = "admin", ["name"] = "admin" },
        ["ArticleInput"] = new() { ["section"] = "international", ["source"] = "ians" },
        ["CreateKeyRequest"] = new() { ["name"] = "रवि (desk)", ["author"] = "admin" },
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is not { IsClass: true } type) return;
        var specific = ByType.GetValueOrDefault(type.Name);
        foreach (var (name, declared) in properties)
        {
            if (declared is not OpenApiSchema { Type: { } t } inline || !t.HasFlag(JsonSchemaType.String) || inline.Enum is { Count: > 0 }) continue;
            var example = specific?.GetValueOrDefault(name) ?? ByName.GetValueOrDefault(name);
            if (example is not null) inline.Examples = [example.DeepClone()];
        }
    }
}
