using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Caching;

/// <summary>The purge outbox (<c>purge_outbox</c>): writes add a row naming the keys they touched inside their own
/// transaction, like <see cref="ContentClockRepository.RecordAsync"/>, so a purge commits or rolls back with the
/// change and is never lost; <see cref="PurgeSender"/> sends and deletes rows. With no <c>Cache:PurgeUrls</c>
/// nothing is written (and the keys are not even read): there is no cache to keep in step.</summary>
public sealed class PurgeOutboxRepository(Db db, TimeProvider clock, IOptions<CacheOptions> options)
{
    public bool Enabled { get; } = options.Value.PurgeUrls.Length > 0;

    /// <summary>Rung by <see cref="Committed"/>, waited on by the sender.</summary>
    public OutboxSignal Signal { get; } = new();

    private const string ArticleKeysSql = """
        WITH RECURSIVE art(id, section_id) AS (
            SELECT a.id, a.section_id FROM articles a WHERE a.id = @id AND
        """ + ArticleFilter.PublicPredicate + """
            ),
          up(id) AS (SELECT section_id FROM art UNION SELECT s.parent_id FROM sections s JOIN up ON s.id = up.id WHERE s.parent_id IS NOT NULL)
        SELECT 'article' AS kind, CAST(id AS TEXT) AS name FROM art
        UNION ALL SELECT 'section', s.slug FROM up JOIN sections s ON s.id = up.id
        UNION ALL SELECT 'tag', t.slug FROM art JOIN article_tags x ON x.article_id = art.id JOIN tags t ON t.id = x.tag_id
        """;

    /// <summary>The keys of the article's public answers as this transaction sees it (before or after its change):
    /// <c>article-{id}</c>, its section and the sections above it, its tags; none while it is not public.</summary>
    public async Task<IReadOnlyList<string>> ArticleKeysAsync(SqliteConnection connection, SqliteTransaction tx, long id, CancellationToken ct)
    {
        if (!Enabled) return [];
        var rows = await connection.QueryAsync<(string Kind, string Name)>(new CommandDefinition(
            ArticleKeysSql, new { id, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        return [.. rows.Select(r => r.Kind switch
        {
            "article" => CacheTags.Article(long.Parse(r.Name, CultureInfo.InvariantCulture)),
            "section" => CacheTags.Section(r.Name),
            _ => CacheTags.Tag(r.Name),
        })];
    }

    /// <summary>Queues the purge for an article write, given its keys from before the change (<see cref="ArticleKeysAsync"/>).</summary>
    public async Task EnqueueArticleAsync(SqliteConnection connection, SqliteTransaction tx, long id, IReadOnlyList<string> before, CancellationToken ct)
    {
        if (!Enabled) return;
        await EnqueueAsync(connection, tx, PurgeKeys.ForArticle(before, await ArticleKeysAsync(connection, tx, id, ct)), ct);
    }

    /// <summary>Queues one purge for articles that just became public without a write of their own (embargoes ending).</summary>
    public async Task EnqueueArticlesAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<long> ids, CancellationToken ct)
    {
        if (!Enabled || ids.Count == 0) return;
        var keys = new List<string>();
        foreach (var id in ids) keys.AddRange(PurgeKeys.ForArticle([], await ArticleKeysAsync(connection, tx, id, ct)));
        await EnqueueAsync(connection, tx, [.. keys.Distinct(StringComparer.Ordinal)], ct);
    }

    private const string InsertSql = "INSERT INTO purge_outbox (keys, created_at, attempts, next_attempt_at) VALUES (@keys, @now, 0, @now)";

    /// <summary>Queues a purge of <paramref name="keys"/> inside the caller's write transaction.</summary>
    public async Task EnqueueAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (!Enabled || keys.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition(InsertSql,
            new { keys = string.Join(' ', keys), now = clock.GetUtcNow() }, tx, cancellationToken: ct));
    }

    /// <summary>Call after a write committed: wakes the sender, which could not see the row before. Cheap, and
    /// harmless after a write that queued nothing.</summary>
    public void Committed()
    {
        if (Enabled) Signal.Notify();
    }

    private const string DueSql = """
        SELECT id, keys, created_at, attempts FROM purge_outbox WHERE next_attempt_at <= @now ORDER BY id LIMIT @limit
        """;

    /// <summary>The oldest purges due now, at most <paramref name="limit"/>.</summary>
    public async Task<List<PendingPurge>> DueAsync(int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<PendingPurge>(new CommandDefinition(
            DueSql, new { now = clock.GetUtcNow(), limit }, cancellationToken: ct))).AsList();
    }

    private const string NextDueSql = "SELECT min(next_attempt_at) FROM purge_outbox";

    /// <summary>When the next queued purge is due; null when none is queued.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var at = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(NextDueSql, cancellationToken: ct));
        return at is null ? null : DbTime.Parse(at);
    }

    // Another instance on the same database may have deleted a row already: fewer rows affected is fine.
    private const string DeleteSql = "DELETE FROM purge_outbox WHERE id IN @ids";

    /// <summary>Removes purges every cache acknowledged, or ones given up on.</summary>
    public async Task DeleteAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { ids }, cancellationToken: ct));
    }

    private const string RetryLaterSql = "UPDATE purge_outbox SET attempts = attempts + 1, next_attempt_at = @at WHERE id = @id";

    /// <summary>Counts a failed attempt and sets when each purge is tried next, in one transaction.</summary>
    public async Task RetryLaterAsync(IReadOnlyList<(long Id, DateTimeOffset At)> retries, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await connection.ExecuteAsync(new CommandDefinition(RetryLaterSql, retries.Select(r => new { id = r.Id, at = r.At }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}

/// <summary>A queued purge, as <see cref="PurgeOutboxRepository.DueAsync"/> reads it (Dapper target: a class,
/// because Dapper maps TEXT dates only through setters).</summary>
public sealed class PendingPurge
{
    public long Id { get; init; }
    public string Keys { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public long Attempts { get; init; }
}
