using Microsoft.OpenApi;

namespace NewsApi.OpenApi;

public static class OpenApiSetup
{
    public static IHostApplicationBuilder AddOpenApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NewsApi",
                Version = "v1",
                Description = "Headless CMS for news publishers, Hindi first: public content API, editorial API, search.",
            });
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.OperationFilter<ConditionalRequestsOperationFilter>();
            o.OperationFilter<ImplicitResponsesOperationFilter>();
            o.SchemaFilter<NullableReferencesSchemaFilter>();
            o.DocumentFilter<MergePatchSchemaDocumentFilter>();
            o.SchemaFilter<AllowedValuesSchemaFilter>();
            o.ParameterFilter<AllowedValuesParameterFilter>();
            o.CustomSchemaIds(t => t.IsGenericType
                ? t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Concat(t.GetGenericArguments().Select(a => a.Name))
                : t.Name);
        });
        return builder;
    }

    public static WebApplication UseOpenApiDocument(this WebApplication app)
    {
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        app.UseSwaggerUI(o => o.DocumentTitle = "NewsApi");
        return app;
    }
}
