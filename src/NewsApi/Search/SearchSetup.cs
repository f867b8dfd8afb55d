using NewsApi.Editorial;

namespace NewsApi.Search;

public static class SearchSetup
{
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchIndexRepository>();
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<IArticleIndexer>(sp => sp.GetRequiredService<SearchIndex>());
        builder.Services.AddSingleton<SearchService>();
        builder.Services.AddSingleton<TermStatistics>();
        builder.Services.AddHostedService<TermStatisticsWarmUp>();
        builder.Services.AddSingleton<DidYouMean>();
        builder.Services.AddSingleton<SuggestionRepository>();
        builder.Services.AddSingleton<Suggester>();
        builder.Services.AddHostedService<SuggesterWarmUp>();
        return builder;
    }
}
