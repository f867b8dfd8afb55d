namespace NewsApi.Webhooks;

public static class WebhooksSetup
{
    /// <summary>Subscriptions, the outbox article writes fill, and the dispatcher that empties it. Its validators
    /// come with the assembly-wide FluentValidation scan.</summary>
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().Bind(builder.Configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(1), "Webhooks:Timeout must be more than zero and at most a minute, e.g. 00:00:10.")
            .Validate(o => o.RetrySchedule.All(t => t >= TimeSpan.Zero), "Webhooks:RetrySchedule must hold non-negative time spans, e.g. 00:00:05.")
            .Validate(o => o.DisableAfter > TimeSpan.Zero, "Webhooks:DisableAfter must be a positive time span, e.g. 5.00:00:00.")
            .Validate(o => o.RotationOverlap >= TimeSpan.Zero, "Webhooks:RotationOverlap must not be negative, e.g. 1.00:00:00.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IHostResolver, DnsHostResolver>();
        builder.Services.AddSingleton<WebhookTargets>();
        builder.Services.AddSingleton<WebhookRepository>();
        builder.Services.AddHttpClient(WebhookDispatcher.HttpClientName, c =>
            {
                // The dispatcher times each delivery itself (Webhooks:Timeout).
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.DefaultRequestHeaders.UserAgent.ParseAdd("NewsApi-Webhooks/1.0");
            })
            // Receivers are reached directly (an HTTP proxy from the environment would connect for us, past the
            // guard), never through a redirect, and only at an address the guard allows at connect time.
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                UseProxy = false,
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }
}
