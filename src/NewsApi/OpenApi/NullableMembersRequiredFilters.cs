using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>On a type whose serializer leaves null members out (JSON Feed), every nullable member is optional
/// and never null, like a property marked <c>JsonIgnore(WhenWritingNull)</c>.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OmitsNullMembersAttribute : Attribute;

/// <summary>A member left out when null (<c>JsonIgnore(WhenWritingNull)</c>, ProblemDetails' members, ninjs) is
/// never sent as null: its schema drops <c>null</c>, so <see cref="NullableMembersRequiredDocumentFilter"/> leaves
/// it optional. Runs after <see cref="NullableReferencesSchemaFilter"/>.</summary>
public sealed class OmittedWhenNullSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is not { IsClass: true } type) return;
        var wholeType = type.GetCustomAttribute<OmitsNullMembersAttribute>() is not null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var omitted = wholeType || property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingNull;
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!omitted || !properties.TryGetValue(name, out var declared)) continue;
            if (declared is OpenApiSchema { OneOf: [OpenApiSchemaReference reference, OpenApiSchema { Type: JsonSchemaType.Null }] })
                properties[name] = reference;
            else if (declared is OpenApiSchema { Type: { } t } inline && t.HasFlag(JsonSchemaType.Null))
                inline.Type = t & ~JsonSchemaType.Null;
        }
    }
}

/// <summary>The service writes every member of its answers, null or not (no global WhenWritingNull), so in a
/// schema only answers use, a nullable member is also required: clients get <c>dateline: string | null</c>, not
/// <c>dateline?: string | null</c>. Schemas reachable from a request body keep nullable members optional: a
/// client may leave them out.</summary>
public sealed class NullableMembersRequiredDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas;
        if (schemas is null || swaggerDoc.Paths is null) return;
        var requests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
            foreach (var media in operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                Reach(media.Schema, schemas, requests);
        foreach (var (name, declared) in schemas)
        {
            if (requests.Contains(name) || declared is not OpenApiSchema { Properties: { Count: > 0 } properties } schema) continue;
            foreach (var (member, property) in properties)
            {
                if (!IsNullable(property)) continue;
                schema.Required ??= new HashSet<string>();
                schema.Required.Add(member);
            }
        }
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema is OpenApiSchema { Type: { } t } && t.HasFlag(JsonSchemaType.Null)
        || schema is OpenApiSchema { OneOf: { } options } && options.Any(o => o is OpenApiSchema { Type: JsonSchemaType.Null });

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target)) Reach(target, schemas, seen);
                return;
            case OpenApiSchema inline:
                foreach (var child in (inline.Properties?.Values ?? []).Concat(inline.OneOf ?? []).Concat(inline.AnyOf ?? []).Concat(inline.AllOf ?? []))
                    Reach(child, schemas, seen);
                Reach(inline.Items, schemas, seen);
                Reach(inline.AdditionalProperties, schemas, seen);
                return;
        }
    }
}
