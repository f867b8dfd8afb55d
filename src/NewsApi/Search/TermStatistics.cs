namespace NewsApi.Search;

/// <summary>How many public articles carry each indexed word and each tag, for rarity (IDF) weights.
/// Counting a common word's articles means reading its whole posting list (milliseconds each), so the
/// counts are computed in one pass and kept for <see cref="MaxAge"/>; rarity drifts slowly.</summary>
public sealed class TermStatistics(SearchIndexRepository index, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    public sealed record Snapshot(long Documents, IReadOnlyDictionary<string, long> Words, IReadOnlyDictionary<long, long> Tags, DateTimeOffset At);

    public void Dispose() => _refresh.Dispose();

    public async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is not null && clock.GetUtcNow() - current.At < MaxAge) return current;
        if (current is not null)
        {
            // Stale: answer with what we have and refresh in the background.
            if (_refresh.CurrentCount > 0) _ = Task.Run(() => RefreshAsync(CancellationToken.None), CancellationToken.None);
            return current;
        }
        return await RefreshAsync(ct);
    }

    private async Task<Snapshot> RefreshAsync(CancellationToken ct)
    {
        await _refresh.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && clock.GetUtcNow() - fresh.At < MaxAge) return fresh;
            var (documents, words, tags) = await index.CountsAsync(ct);
            return _current = new Snapshot(Math.Max(1, documents), words, tags, clock.GetUtcNow());
        }
        finally
        {
            _refresh.Release();
        }
    }
}

/// <summary>Loads the term statistics once at start, in the background, so the first search or related
/// request does not pay for the pass over the index (about a second on 100k articles).</summary>
public sealed class TermStatisticsWarmUp(TermStatistics statistics, ILogger<TermStatisticsWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await statistics.GetAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not load term statistics at start; the first search will");
        }
    }
}
