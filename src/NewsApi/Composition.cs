using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NewsApi.Articles;
using NewsApi.Demo;
using NewsApi.Editorial;
using NewsApi.Related;
using NewsApi.Taxonomy;

namespace NewsApi;

/// <summary>Service registrations of the content features (Program.cs stays a list of features).</summary>
public static class Composition
{
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new Http.UtcDateTimeOffsetConverter()));
        builder.Services.AddOptions<NewsApiOptions>().Bind(builder.Configuration.GetSection("NewsApi"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ArticleMapper>();
        builder.Services.AddSingleton<ArticleReader>();
        builder.Services.AddSingleton<BodySanitizer>();
        builder.Services.AddSingleton<ArticleWriter>();
        builder.Services.AddSingleton<RelatedRanking>();
        builder.Services.AddSingleton<TaxonomyReader>();
        builder.Services.AddSingleton<DemoContent>();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        return routes;
    }
}
