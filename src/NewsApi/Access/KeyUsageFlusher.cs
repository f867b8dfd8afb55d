using Microsoft.Extensions.Options;

namespace NewsApi.Access;

/// <summary>Writes the key use times <see cref="KeyUsage"/> holds, all in one write transaction, once per
/// <see cref="NewsApiOptions.KeyUsageFlushInterval"/> (so at most one write per key per interval) and once
/// more when the service stops. A failed write is logged and retried with the next flush.</summary>
public sealed class KeyUsageFlusher(KeyUsage usage, ApiKeyRepository keys, IOptions<NewsApiOptions> options, TimeProvider clock, ILogger<KeyUsageFlusher> logger)
    : BackgroundService
{
    private readonly TimeSpan _interval = options.Value.KeyUsageFlushInterval;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The loop has ended, so this is the only flush running: a graceful restart loses no use.
        try
        {
            await FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            logger.LogWarning("The service stopped before the last API key use times were recorded");
        }
    }

    /// <summary>Writes the pending use times; false (and they stay pending) when the write failed.</summary>
    public async Task<bool> FlushAsync(CancellationToken ct)
    {
        var pending = usage.Pending();
        if (pending.Count == 0) return true;
        try
        {
            await keys.RecordUsesAsync(pending, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Busy, locked, full disk: the times stay pending, and nothing waits for them.
            logger.LogWarning(e, "Recording when {Count} API keys were last used failed; retrying in {Interval}", pending.Count, _interval);
            return false;
        }
        usage.Written(pending);
        return true;
    }
}
