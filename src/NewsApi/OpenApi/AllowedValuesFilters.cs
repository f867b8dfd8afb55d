using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Strings with a fixed set of values (status, role, reason, scope, matchedBy) carry
/// <see cref="AllowedValuesAttribute"/>; these filters turn it into the schema's <c>enum</c>, which
/// Swashbuckle does not do itself, so generated clients get the closed set, not a free string.</summary>
public sealed class AllowedValuesSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties } || context.Type is not { IsClass: true } type) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<AllowedValuesAttribute>() is not { } allowed) continue;
            if (!properties.TryGetValue(JsonNamingPolicy.CamelCase.ConvertName(property.Name), out var declared) || declared is not OpenApiSchema target) continue;
            // On a list (a webhook's events) the set is what each item may be.
            if (target is { Items: OpenApiSchema items } && target.Type?.HasFlag(JsonSchemaType.Array) == true) items.Enum = Values(allowed);
            else target.Enum = Values(allowed);
        }
    }

    internal static List<JsonNode> Values(AllowedValuesAttribute allowed) =>
        [.. allowed.Values.Select(v => JsonValue.Create(v?.ToString())!)];
}

public sealed class AllowedValuesParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var allowed = context.ParameterInfo?.GetCustomAttribute<AllowedValuesAttribute>() ?? context.PropertyInfo?.GetCustomAttribute<AllowedValuesAttribute>();
        if (allowed is not null && parameter.Schema is OpenApiSchema schema) schema.Enum = AllowedValuesSchemaFilter.Values(allowed);
    }
}
