using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>A property typed by another schema ($ref) that may be null — an article without an image or a
/// source, the first article's missing previous — is declared <c>oneOf: [$ref, null]</c>. Swashbuckle marks
/// nullable strings and numbers, but leaves references bare, and a strict client generated from the contract
/// would then refuse <c>"image": null</c>.</summary>
public sealed class NullableReferencesSchemaFilter : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullability = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is not { IsClass: true } type) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!properties.TryGetValue(name, out var declared) || declared is not OpenApiSchemaReference reference) continue;
            if (Nullability.Create(property).ReadState != NullabilityState.Nullable) continue;
            properties[name] = new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] };
        }
    }
}
