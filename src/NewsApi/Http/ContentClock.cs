using System.Data;
using Dapper;
using NewsApi.Data;

namespace NewsApi.Http;

/// <summary>When what this service answers last changed: the <c>Last-Modified</c> of every GET that has no
/// more precise date of its own (lists, search, related, taxonomy, admin answers). A list's newest member
/// date cannot serve: it goes backwards when an article leaves the list, and If-Modified-Since would then
/// keep a stale list alive. This clock only moves forward: inside the transaction of every write to
/// articles, taxonomy and keys, when an embargo ends, and at start-up (a new version may answer
/// differently). It is kept in the settings table so that instances sharing a database agree, and read
/// from there at most once a second per process.</summary>
public sealed class ContentClock(Db db, TimeProvider clock)
{
    // ReadAt is a monotonic timestamp (TimeProvider.GetTimestamp): a wall clock stepped back must not stop refreshes.
    private sealed record Stamps(DateTimeOffset Any, DateTimeOffset Taxonomy, long? ReadAt);

    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private Stamps? _stamps;

    /// <summary>The last change to anything, and the last change to sections, tags, authors or sources
    /// (articles embed their names: a rename changes an article without changing its own updatedAt).</summary>
    /// <param name="fresh">Read the shared value now, not the one cached for up to a second.</param>
    public async ValueTask<(DateTimeOffset Any, DateTimeOffset Taxonomy)> CurrentAsync(bool fresh, CancellationToken ct)
    {
        var stamps = Volatile.Read(ref _stamps);
        if (fresh || stamps?.ReadAt is not { } readAt || clock.GetElapsedTime(readAt) >= Freshness)
        {
            try
            {
                stamps = await ReadAsync(ct);
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // The database is busy or gone: "changed just now" is never a stale answer.
                var now = clock.GetUtcNow();
                return (now, now);
            }
        }
        return (stamps.Any, stamps.Taxonomy);
    }

    private const string BumpSql = """
        INSERT INTO settings (name, value) VALUES ('content_changed_at', @now) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)
        """;

    private const string BumpBothSql = BumpSql + ";\n" + """
        INSERT INTO settings (name, value) VALUES ('taxonomy_changed_at', @now) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)
        """;

    /// <summary>Records a change inside the write's own transaction, so it commits or rolls back with it.
    /// The cache is not touched: it learns of the change by reading what was committed, so an answer is
    /// never dated later than the content it was built from.</summary>
    public async Task RecordAsync(IDbConnection connection, IDbTransaction? tx, bool taxonomy, CancellationToken ct)
    {
        // Text order is time order (DbTime's fixed format), so max() keeps the clock from going back
        // when another instance's clock is behind.
        await connection.ExecuteAsync(new CommandDefinition(taxonomy ? BumpBothSql : BumpSql, new { now = DbTime.ToText(clock.GetUtcNow()) }, tx, cancellationToken: ct));
    }

    /// <summary>A change with no write of its own: a start of the service, an embargo ending.</summary>
    public async Task ChangedAsync(bool taxonomy, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await RecordAsync(connection, null, taxonomy, ct);
    }

    private const string ReadSql = "SELECT name, value FROM settings WHERE name IN ('content_changed_at', 'taxonomy_changed_at')";

    private async Task<Stamps> ReadAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
            ReadSql, cancellationToken: ct))).ToDictionary(r => r.Name, r => r.Value);
        // Reads may finish out of order: keep the later of both, so the cached clock never goes back.
        var seen = Volatile.Read(ref _stamps);
        var stamps = new Stamps(Later(seen?.Any, At(rows, "content_changed_at", now)), Later(seen?.Taxonomy, At(rows, "taxonomy_changed_at", now)), clock.GetTimestamp());
        Volatile.Write(ref _stamps, stamps);
        return stamps;
    }

    // Never written yet (a database from before this clock): now is the safe answer.
    private static DateTimeOffset At(Dictionary<string, string> rows, string name, DateTimeOffset fallback) =>
        rows.TryGetValue(name, out var text) ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
