namespace NewsApi.Caching;

/// <summary>The <c>Cache</c> configuration section: the shared caches (Varnish, deploy/varnish/) in front of the service.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>Each cache node's purge address, e.g. <c>http://127.0.0.1:6081/</c>. Every write sends the keys it
    /// touched to all of them (<see cref="PurgeSender"/>). Empty (the default): no purges are queued at all.</summary>
    public string[] PurgeUrls { get; set; } = [];

    /// <summary>How long a purge that keeps failing is retried before it is dropped. The default hour is well past
    /// what Varnish can still hold of an answer (max-age 60 s + stale-while-revalidate 600 s).</summary>
    public TimeSpan PurgeRetention { get; set; } = TimeSpan.FromHours(1);
}

public static class CachingSetup
{
    public static IHostApplicationBuilder AddCaching(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>().Bind(builder.Configuration.GetSection(CacheOptions.Section))
            .Validate(o => o.PurgeUrls.All(IsHttpUrl), "Cache:PurgeUrls must be absolute http or https URLs, e.g. http://127.0.0.1:6081/.")
            .Validate(o => o.PurgeRetention > TimeSpan.Zero, "Cache:PurgeRetention must be a positive time span, e.g. 01:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PurgeOutboxRepository>();
        builder.Services.AddHttpClient(PurgeSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(5))
            // Cache nodes are addressed directly: an HTTP proxy from the environment must not carry purges.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(2) });
        builder.Services.AddSingleton<PurgeSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PurgeSender>());
        return builder;
    }

    private static bool IsHttpUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
