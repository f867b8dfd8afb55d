using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Says which operations take an API key, so Swagger UI shows an Authorize button and generated clients
/// know where the key goes. The key is sent either way the service reads it (ApiKeyAuthenticationHandler):
/// <c>Authorization: Bearer</c> or <c>X-Api-Key</c>. Decided from endpoint metadata, so routes added later
/// (webhooks, imports) are described by the policy they require, not by a list here.</summary>
public sealed class SecurityOperationFilter : IOperationFilter
{
    public const string Bearer = "bearer";
    public const string ApiKeyHeader = "apiKey";

    public static void AddSchemes(SwaggerGenOptions o)
    {
        o.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key as a bearer token: `Authorization: Bearer <key>`. Keys are made by an admin (POST /v1/admin/keys) or with `dotnet NewsApi.dll keys create`.",
        });
        o.AddSecurityDefinition(ApiKeyHeader, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same API key in the `X-Api-Key` header, for clients that cannot set Authorization.",
        });
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var keyed = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var content = metadata.OfType<ContentApiEndpoint>().Any();
        // The content API is open unless a deployment sets ContentApi:RequireKey; the contract is the same for
        // every deployment, so it lists "no key" ({}) beside the two ways of sending one.
        operation.Security = keyed && !content
            ? [Requirement(Bearer, document), Requirement(ApiKeyHeader, document)]
            : content
                ? [new OpenApiSecurityRequirement(), Requirement(Bearer, document), Requirement(ApiKeyHeader, document)]
                : [new OpenApiSecurityRequirement()];
    }

    private static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
