namespace NewsApi.Syndication;

/// <summary>Services of the syndication feature: the partner API (ninjs, change feed).</summary>
public static class SyndicationSetup
{
    public static IHostApplicationBuilder AddSyndication(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ChangeLogRepository>();
        builder.Services.AddSingleton<ChangeFeedCatchUp>();
        return builder;
    }
}
