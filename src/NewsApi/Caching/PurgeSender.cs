using Microsoft.Extensions.Options;

namespace NewsApi.Caching;

/// <summary>Sends the purge outbox to every cache in <c>Cache:PurgeUrls</c>: <c>PURGE</c> with the keys in an
/// <c>xkey-purge</c> header (deploy/varnish/default.vcl). Woken by each commit that queued a purge, and polling
/// besides (for rows another instance queued, or that fell due). A purge leaves the outbox only when every cache
/// answered 2xx; otherwise it is tried again with backoff, also after a restart. Purges are idempotent, so
/// sending one twice (a cache that answered before another failed, two instances on one database) is harmless.</summary>
public sealed class PurgeSender(PurgeOutboxRepository outbox, IHttpClientFactory httpClients, IOptions<CacheOptions> options,
    TimeProvider clock, ILogger<PurgeSender> logger) : BackgroundService
{
    public const string HttpClientName = "purge";
    public const string KeysHeader = "xkey-purge";

    private static readonly HttpMethod Purge = new("PURGE");
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    // Varnish refuses request headers past http_req_hdr_len (8 KB by default): a burst of writes is merged into
    // as few requests as fit well under that.
    private const int MaxKeysHeaderLength = 4000;
    private const int BatchSize = 100;

    private readonly string[] _targets = options.Value.PurgeUrls;
    private readonly TimeSpan _retention = options.Value.PurgeRetention;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_targets.Length == 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database was busy or failed: the rows are still there, and so are their due times.
                logger.LogWarning(e, "Sending cache purges failed; trying again in {Wait}", FirstRetry);
                wait = FirstRetry;
            }
            await outbox.Signal.WaitAsync(wait, clock, stoppingToken);
        }
    }

    /// <summary>Sends every purge that is due; returns how long until the next one is (at most the poll interval).</summary>
    public async Task<TimeSpan> SendDueAsync(CancellationToken ct)
    {
        List<PendingPurge> due;
        do
        {
            due = await outbox.DueAsync(BatchSize, ct);
            if (due.Count == 0) break;
            var keys = due.SelectMany(p => p.Keys.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal).ToList();
            var failures = (await Task.WhenAll(_targets.Select(target => SendAsync(target, Requests(keys), ct)))).OfType<string>().ToList();
            if (failures.Count == 0)
            {
                await outbox.DeleteAsync([.. due.Select(p => p.Id)], ct);
                continue;
            }
            await RetryLaterAsync(due, string.Join("; ", failures), ct);
        }
        while (due.Count == BatchSize);

        var next = await outbox.NextDueAsync(ct);
        var untilNext = next is { } at ? at - clock.GetUtcNow() : Poll;
        return untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext > Poll ? Poll : untilNext;
    }

    /// <summary>PURGEs <paramref name="target"/> once per group of keys; null when every answer was 2xx, else what went wrong.</summary>
    private async Task<string?> SendAsync(string target, IEnumerable<string> keyGroups, CancellationToken ct)
    {
        var client = httpClients.CreateClient(HttpClientName);
        foreach (var keys in keyGroups)
        {
            using var request = new HttpRequestMessage(Purge, target);
            request.Headers.TryAddWithoutValidation(KeysHeader, keys);
            try
            {
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode) return $"{target} answered {(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                // Refused, unreachable or timed out (HttpClient's timeout is an OperationCanceledException too).
                return $"{target}: {e.Message}";
            }
        }
        return null;
    }

    /// <summary>Space-separated key lists, each short enough for one request header.</summary>
    private static IEnumerable<string> Requests(List<string> keys)
    {
        var group = new List<string>();
        var length = 0;
        foreach (var key in keys)
        {
            if (group.Count > 0 && length + 1 + key.Length > MaxKeysHeaderLength)
            {
                yield return string.Join(' ', group);
                group.Clear();
                length = 0;
            }
            length += (group.Count > 0 ? 1 : 0) + key.Length;
            group.Add(key);
        }
        if (group.Count > 0) yield return string.Join(' ', group);
    }

    /// <summary>Backs off (1 s, 2 s, 4 s … at most a minute, with jitter so instances do not retry in step);
    /// a purge older than <c>Cache:PurgeRetention</c> is dropped instead, as every copy it named has expired.</summary>
    private async Task RetryLaterAsync(List<PendingPurge> due, string failure, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expired = due.Where(p => now - p.CreatedAt > _retention).Select(p => p.Id).ToList();
        if (expired.Count > 0)
        {
            logger.LogError("Dropping {Count} cache purges still failing after {Retention}: {Failure}", expired.Count, _retention, failure);
            await outbox.DeleteAsync(expired, ct);
        }
        var retries = due.Where(p => !expired.Contains(p.Id)).Select(p => (p.Id, now + Backoff(p.Attempts))).ToList();
        if (retries.Count == 0) return;
        logger.LogWarning("Cache purge failed ({Failure}); {Count} purges will be tried again", failure, retries.Count);
        await outbox.RetryLaterAsync(retries, ct);
    }

    private static TimeSpan Backoff(long attempts)
    {
        var delay = FirstRetry * Math.Pow(2, Math.Min(attempts, 10));
        if (delay > LongestRetry) delay = LongestRetry;
        return delay * (0.8 + 0.4 * Random.Shared.NextDouble());
    }
}
