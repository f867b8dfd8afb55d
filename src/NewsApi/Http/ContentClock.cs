namespace NewsApi.Http;

/// <summary>When what this service answers last changed: the <c>Last-Modified</c> of every GET that has no
/// more precise date of its own (lists, search, related, taxonomy, admin answers). A list's newest member
/// date cannot serve: it goes backwards when an article leaves the list, and If-Modified-Since would then
/// keep a stale list alive. Writes move the clock through <see cref="ContentClockRepository"/>; this reads it
/// from there at most once a second per process.</summary>
public sealed class ContentClock(ContentClockRepository repository, TimeProvider clock)
{
    // ReadAt is a monotonic timestamp (TimeProvider.GetTimestamp): a wall clock stepped back must not stop refreshes.
    private sealed record Stamps(DateTimeOffset Any, DateTimeOffset Taxonomy, long Commits, long? ReadAt)
    {
        // The clock's value tells instances' changes apart, the commit count this process's own (two writes
        // may share a timestamp, e.g. under a test's frozen clock).
        public string Generation { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Any.UtcTicks:x}.{Commits:x}");
    }

    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private Stamps? _stamps;

    /// <summary>The last change to anything, and the last change to sections, tags, authors or sources
    /// (articles embed their names: a rename changes an article without changing its own updatedAt).</summary>
    /// <param name="fresh">Read the shared value now, not the one cached for up to a second.</param>
    /// <returns>Also a generation: a text that changes with every change (answers kept in memory are keyed by it);
    /// null when the clock could not be read.</returns>
    public async ValueTask<(DateTimeOffset Any, DateTimeOffset Taxonomy, string? Generation)> CurrentAsync(bool fresh, CancellationToken ct)
    {
        var stamps = Volatile.Read(ref _stamps);
        if (fresh || stamps?.ReadAt is not { } readAt || clock.GetElapsedTime(readAt) >= Freshness || stamps.Commits != repository.Commits)
        {
            try
            {
                stamps = await ReadAsync(ct);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The database is busy or gone: "changed just now" is never a stale answer.
                var now = clock.GetUtcNow();
                return (now, now, null);
            }
        }
        return (stamps.Any, stamps.Taxonomy, stamps.Generation);
    }

    private async Task<Stamps> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Taken before the read: a commit that lands during it makes the next call read again.
        var commits = repository.Commits;
        var (any, taxonomy) = await repository.ReadAsync(ct);
        // Reads may finish out of order: keep the later of both, so the cached clock never goes back.
        // Never recorded yet (a database from before this clock): now is the safe answer.
        var seen = Volatile.Read(ref _stamps);
        var stamps = new Stamps(Later(seen?.Any, any ?? now), Later(seen?.Taxonomy, taxonomy ?? now), commits, clock.GetTimestamp());
        Volatile.Write(ref _stamps, stamps);
        return stamps;
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
