namespace NewsApi.Syndication;

/// <summary>Services of the syndication feature: RSS / Atom / JSON Feed and the partner API (ninjs, change feed).</summary>
public static class SyndicationSetup
{
    public static IHostApplicationBuilder AddSyndication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedsOptions>().Bind(builder.Configuration.GetSection(FeedsOptions.Section));
        builder.Services.AddSingleton<FeedSource>();
        builder.Services.AddSingleton<ChangeLogRepository>();
        
        return builder;
    }
}
