using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NewsApi.Articles;
using NewsApi.Demo;
using NewsApi.Editorial;
using NewsApi.Related;

namespace NewsApi;

/// <summary>Service registrations of the content features (Program.cs stays a list of features).</summary>
public static class Composition
{
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new Http.UtcDateTimeOffsetConverter());
            // A member the API does not know ("status", "id" on a write) is refused, never silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddOptions<NewsApiOptions>().Bind(builder.Configuration.GetSection("NewsApi"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Http.ContentClock>();
        builder.Services.AddSingleton<ArticleMapper>();
        builder.Services.AddSingleton<ArticleReader>();
        builder.Services.AddOptions<BodyLimits>().Bind(builder.Configuration.GetSection(BodyLimits.Section));
        builder.Services.AddSingleton<BodySanitizer>();
        builder.Services.AddSingleton<ArticleWriter>();
        builder.Services.AddSingleton<Search.SearchIndex>();
        builder.Services.AddSingleton<IArticleIndexer>(sp => sp.GetRequiredService<Search.SearchIndex>());
        builder.Services.AddSingleton<Search.SearchService>();
        builder.Services.AddSingleton<Search.TermStatistics>();
        builder.Services.AddHostedService<Search.TermStatisticsWarmUp>();
        builder.Services.AddSingleton<RelatedRanking>();
        builder.Services.AddSingleton<DemoContent>();
        return builder;
    }

    public static IHostApplicationBuilder AddEditorial(this IHostApplicationBuilder builder)
    {
        // Validation errors name fields as clients send them: "headline", "image.url".
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            expression is null ? JsonNamingPolicy.CamelCase.ConvertName(member?.Name ?? "") : CamelPath(expression.ToString());
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        builder.Services.AddValidatorsFromAssemblyContaining<ArticleInputValidator>(ServiceLifetime.Singleton);
        builder.Services.AddSingleton<AdminArticles>();
        builder.Services.AddSingleton<PreviewTokens>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        Cli.Commands.Register("keys", Access.KeysCommand.RunAsync);
        Cli.Commands.Register("generate-corpus", Cli.GenerateCorpus.RunAsync);
        return builder;
    }

    private static string CamelPath(string expression)
    {
        var parts = expression.Split('.').Skip(1).Select(JsonNamingPolicy.CamelCase.ConvertName);
        return string.Join('.', parts);
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        return routes;
    }
}
