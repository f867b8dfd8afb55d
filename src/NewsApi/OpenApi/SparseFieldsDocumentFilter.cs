using Microsoft.OpenApi;
using NewsApi.Articles;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>An operation marked <see cref="SparseFieldsEndpoint"/> answers <c>fields=headline,excerpt</c> with only
/// those members (and id), which the full schema, with its required members, would refuse. Its 200 is
/// declared <c>anyOf: [X, XFields]</c>, where <c>XFields</c> is X with only <c>id</c> required (a page's items
/// become the item's Fields schema). A strict client then has to check a member before it uses it.</summary>
public sealed class SparseFieldsDocumentFilter : IDocumentFilter
{
    private const string Suffix = "Fields";

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null || swaggerDoc.Paths is null) return;
        var sparse = context.ApiDescriptions
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<SparseFieldsEndpoint>().Any())
            .Select(d => (Path: "/" + d.RelativePath!.TrimEnd('/'), Method: d.HttpMethod!))
            .ToHashSet();
        foreach (var (path, item) in swaggerDoc.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (!sparse.Contains((path, method.Method))) continue;
                if (operation.Responses?.TryGetValue("200", out var ok) != true || ok!.Content is null) continue;
                foreach (var media in ok.Content.Values.OfType<OpenApiMediaType>())
                {
                    if (media.Schema is not OpenApiSchemaReference full) continue;
                    var name = Sparse(full.Reference.Id!, schemas, swaggerDoc);
                    media.Schema = new OpenApiSchema { AnyOf = [full, new OpenApiSchemaReference(name, swaggerDoc)] };
                }
            }
        }
    }

    /// <summary>Creates <c>{id}Fields</c> once: X with only id required, or a page whose items are Fields.</summary>
    private static string Sparse(string id, IDictionary<string, IOpenApiSchema> schemas, OpenApiDocument document)
    {
        var name = id + Suffix;
        if (schemas.ContainsKey(name) || schemas[id] is not OpenApiSchema source) return name;
        var properties = new Dictionary<string, IOpenApiSchema>(source.Properties ?? new Dictionary<string, IOpenApiSchema>());
        var isPage = properties.TryGetValue("items", out var items) && items is OpenApiSchema { Items: OpenApiSchemaReference };
        if (isPage)
        {
            var itemId = ((OpenApiSchemaReference)((OpenApiSchema)items!).Items!).Reference.Id!;
            properties["items"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchemaReference(Sparse(itemId, schemas, document), document) };
        }
        schemas[name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = isPage
                ? $"A page of {id} answered with fields=: each item holds only the members asked for."
                : $"{id} answered with fields=: only the members asked for, and id. Members not asked for are absent, not null.",
            Properties = properties,
            Required = isPage ? source.Required : new HashSet<string> { "id" },
            AdditionalPropertiesAllowed = source.AdditionalPropertiesAllowed,
        };
        return name;
    }
}
