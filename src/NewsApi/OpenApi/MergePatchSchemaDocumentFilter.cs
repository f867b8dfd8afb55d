using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>A merge patch (RFC 7396) may hold any subset of the members it patches, so its schema is the
/// patched schema without <c>required</c>: <c>ArticleInput</c> requires a headline, a patch need not.
/// Runs over the finished document, after every schema exists.</summary>
public sealed class MergePatchSchemaDocumentFilter : IDocumentFilter
{
    private const string MergePatch = "application/merge-patch+json";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null || swaggerDoc.Paths is null) return;
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            if (operation.RequestBody?.Content?.TryGetValue(MergePatch, out var media) != true || media is not OpenApiMediaType { Schema: OpenApiSchemaReference patched } mediaType) continue;
            var name = patched.Reference.Id + "MergePatch";
            if (!schemas.ContainsKey(name) && schemas.TryGetValue(patched.Reference.Id!, out var source) && source is OpenApiSchema full)
            {
                schemas[name] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = $"RFC 7396 merge patch of {patched.Reference.Id}: any subset of its members; null removes an optional one.",
                    Properties = full.Properties is null ? null : new Dictionary<string, IOpenApiSchema>(full.Properties),
                    AdditionalPropertiesAllowed = false,
                };
            }
            mediaType.Schema = new OpenApiSchemaReference(name, swaggerDoc);
        }
    }
}
