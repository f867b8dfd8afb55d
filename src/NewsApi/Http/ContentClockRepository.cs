using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Data;

namespace NewsApi.Http;

/// <summary>The content clock's two rows in <c>settings</c>: when anything this service answers last changed,
/// and when sections, tags, authors or sources last did. It only moves forward: it is recorded inside the
/// transaction of every write to articles, taxonomy and keys, when an embargo ends, and at start-up (a new
/// version may answer differently). It lives in the database so that instances sharing it agree;
/// <see cref="ContentClock"/> caches what is read here.</summary>
public sealed class ContentClockRepository(Db db, TimeProvider clock)
{
    private long _commits;

    /// <summary>How many changes this process has committed: <see cref="ContentClock"/> rereads the clock when
    /// it moves, so this process's own writes show at once in every answer it caches, whatever the wall clock says.</summary>
    public long Commits => Volatile.Read(ref _commits);

    /// <summary>Commits a transaction that recorded a change (<see cref="RecordAsync"/>) and says so.</summary>
    public async Task CommitAsync(SqliteTransaction tx, CancellationToken ct)
    {
        await tx.CommitAsync(ct);
        Interlocked.Increment(ref _commits);
    }

    private const string BumpSql = """
        INSERT INTO settings (name, value) VALUES ('content_changed_at', @now) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)
        """;

    private const string BumpBothSql = BumpSql + ";\n" + """
        INSERT INTO settings (name, value) VALUES ('taxonomy_changed_at', @now) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)
        """;

    /// <summary>Records a change inside the write's own transaction, so it commits or rolls back with it.
    /// No cache is touched: <see cref="ContentClock"/> learns of the change by reading what was committed, so
    /// an answer is never dated later than the content it was built from.</summary>
    /// <param name="taxonomy">Sections, tags, authors or sources changed (articles embed their names).</param>
    public Task RecordAsync(SqliteConnection connection, SqliteTransaction tx, bool taxonomy, CancellationToken ct) =>
        BumpAsync(connection, tx, taxonomy, ct);

    /// <summary>A change with no write of its own: a start of the service, an embargo ending.</summary>
    public async Task ChangedAsync(bool taxonomy, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
            await BumpAsync(connection, null, taxonomy, ct);
        Interlocked.Increment(ref _commits);
    }

    // Text order is time order (DbTime's fixed format), so max() keeps the clock from going back when
    // another instance's clock is behind.
    private async Task BumpAsync(SqliteConnection connection, SqliteTransaction? tx, bool taxonomy, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(taxonomy ? BumpBothSql : BumpSql, new { now = DbTime.ToText(clock.GetUtcNow()) }, tx, cancellationToken: ct));

    private const string ReadSql = "SELECT name, value FROM settings WHERE name IN ('content_changed_at', 'taxonomy_changed_at')";

    /// <summary>The last change to anything and the last change to the taxonomy, as committed; null for one
    /// never recorded (a database from before this clock).</summary>
    public async Task<(DateTimeOffset? Any, DateTimeOffset? Taxonomy)> ReadAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
            ReadSql, cancellationToken: ct))).ToDictionary(r => r.Name, r => r.Value);
        return (At(rows, "content_changed_at"), At(rows, "taxonomy_changed_at"));
    }

    private static DateTimeOffset? At(Dictionary<string, string> rows, string name) =>
        rows.TryGetValue(name, out var text) ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;
}
