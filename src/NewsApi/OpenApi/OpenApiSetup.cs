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
            o.AddServer(new OpenApiServer { Url = "http://localhost:8080", Description = "A local service (dotnet run --project src/NewsApi)." });
            SecurityOperationFilter.AddSchemes(o);
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.OperationFilter<ConditionalRequestsOperationFilter>();
            o.OperationFilter<ImplicitResponsesOperationFilter>();
            o.OperationFilter<SecurityOperationFilter>();
            o.OperationFilter<ResponseHeadersOperationFilter>();
            // After the filters that add responses and parameters: it describes what they declared.
            o.OperationFilter<OperationDescriptionsFilter>();
            o.SchemaFilter<NullableReferencesSchemaFilter>();
            o.SchemaFilter<OmittedWhenNullSchemaFilter>();
            o.SchemaFilter<ExamplesSchemaFilter>();
            o.SchemaFilter<ValidationProblemSchemaFilter>();
            o.DocumentFilter<MergePatchSchemaDocumentFilter>();
            // Before the sparse schemas are derived, so a page of Fields keeps the page's required members.
            o.DocumentFilter<NullableMembersRequiredDocumentFilter>();
            o.DocumentFilter<SparseFieldsDocumentFilter>();
            o.DocumentFilter<DocumentShapeFilter>();
            o.SchemaFilter<AllowedValuesSchemaFilter>();
            o.ParameterFilter<AllowedValuesParameterFilter>();
            o.ParameterFilter<CommaSeparatedParameterFilter>();
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
