using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>A query parameter that takes a comma-separated list from a closed set (<c>fields</c>, <c>formats</c>).
/// Bound as one string by the handler, it is declared as an array of enum strings with <c>style: form,
/// explode: false</c> — exactly the <c>a,b,c</c> the service parses — so clients type the values.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class CommaSeparatedAttribute : Attribute
{
    public CommaSeparatedAttribute(params string[] values) => Values = values;

    /// <summary>The JSON member names of <paramref name="members"/> (camelCase, as the API writes them).</summary>
    public CommaSeparatedAttribute(Type members) => Values =
        [.. members.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    public IReadOnlyList<string> Values { get; }
}

public sealed class CommaSeparatedParameterFilter : IParameterFilter
{
    public void Apply(IOpenApiParameter parameter, ParameterFilterContext context)
    {
        var list = context.PropertyInfo?.GetCustomAttribute<CommaSeparatedAttribute>() ?? context.ParameterInfo?.GetCustomAttribute<CommaSeparatedAttribute>();
        if (list is null || parameter is not OpenApiParameter target) return;
        target.Style = ParameterStyle.Form;
        target.Explode = false;
        target.Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. list.Values.Select(v => (JsonNode)JsonValue.Create(v))] },
            UniqueItems = true,
            MinItems = 1,
        };
    }
}
