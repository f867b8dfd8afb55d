using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>A 400 is a validation problem with <c>errors</c> per field when fields failed their rules, but a plain
/// problem without <c>errors</c> when the body could not be read at all (not JSON, an unknown member). Both are
/// answered under the one 400, so <c>errors</c> is optional; the suite's traffic showed the second kind.</summary>
public sealed class ValidationProblemSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type != typeof(HttpValidationProblemDetails) || schema is not OpenApiSchema target) return;
        target.Required?.Remove("errors");
        target.Description = "RFC 9457 problem; errors (field name -> messages) is present when fields failed validation, absent when the request could not be read.";
    }
}
