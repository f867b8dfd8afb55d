using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Syndication;

/// <summary>The partner change feed's log (<c>syndication_changes</c>) and what it has told partners they hold
/// (<c>syndicated_articles</c>). Article writes call <see cref="RecordAsync"/> inside their own transaction, like
/// the purge outbox, so an entry commits or rolls back with its change and entries are in commit order.</summary>
public sealed class ChangeLogRepository(Db db, TimeProvider clock, IOptions<JsonOptions> json)
{
    /// <summary>What partners may have: public (<see cref="ArticleFilter.PublicPredicate"/>) and syndication allowed.</summary>
    public const string SyndicatablePredicate = ArticleFilter.PublicPredicate + " AND a.syndication_allowed = 1 ";

    // Documents are stored as the API writes them, with Hindi as UTF-8 rather than \u escapes (half the bytes;
    // said here so the stored form does not hang on a default), and read back leniently: an entry written by an
    // older version may carry a member this one no longer has.
    private readonly JsonSerializerOptions _stored = new(json.Value.SerializerOptions)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    private const string StateSql = "SELECT hash FROM syndicated_articles WHERE article_id = @id";
    private const string RelatedSql = "SELECT r.related_id FROM article_related r JOIN articles a ON a.id = r.related_id" +
        " WHERE r.article_id = @id AND " + SyndicatablePredicate + " ORDER BY r.position";
    private const string InsertSql = """
        INSERT INTO syndication_changes (article_id, type, at, document) VALUES (@id, @type, @at, @document)
        """;
    private const string SaveStateSql = """
        INSERT INTO syndicated_articles (article_id, version, hash, refresh) VALUES (@id, @version, @hash, 0)
        ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, hash = excluded.hash, refresh = 0
        """;
    private const string ClearRefreshSql = "UPDATE syndicated_articles SET refresh = 0 WHERE article_id = @id";

    /// <summary>After a write (or an embargo ending): an upsert when the article is syndicatable now and its
    /// document differs from the one partners hold; a delete when partners hold it and it is not syndicatable
    /// any more; else nothing. Returns whether an entry was written.</summary>
    /// <param name="article">The article as saved, with its HTML body (related ids are not read from it).</param>
    public async Task<bool> RecordAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow row, Article article, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var held = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(StateSql, new { id = row.Id }, tx, cancellationToken: ct));
        if (!IsSyndicatable(row, now))
            return held is not null && await RecordDeleteAsync(connection, tx, row.Id, ct);
        var related = (await connection.QueryAsync<long>(new CommandDefinition(RelatedSql, new { id = row.Id, now }, tx, cancellationToken: ct))).AsList();
        var document = JsonSerializer.Serialize(NinjsMapper.ToDocument(article, row.BodyText, related), _stored);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(document));
        if (held is not null && held.AsSpan().SequenceEqual(hash))
        {
            // A refresh that changed nothing partners see (a section's description was edited).
            await connection.ExecuteAsync(new CommandDefinition(ClearRefreshSql, new { id = row.Id }, tx, cancellationToken: ct));
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { id = row.Id, type = "upsert", at = now, document }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(SaveStateSql, new { id = row.Id, version = row.Version, hash }, tx, cancellationToken: ct));
        // It joined: the stories that curate it now list it among their associations.
        if (held is null) await MarkCuratorsAsync(connection, tx, row.Id, ct);
        return true;
    }

    private const string ForgetSql = "DELETE FROM syndicated_articles WHERE article_id = @id";

    /// <summary>Before an article is deleted (its curated links go with it): a delete entry if partners hold it.</summary>
    public async Task<bool> RecordGoneAsync(SqliteConnection connection, SqliteTransaction tx, long id, CancellationToken ct)
    {
        var held = await connection.ExecuteScalarAsync<byte[]?>(new CommandDefinition(StateSql, new { id }, tx, cancellationToken: ct));
        return held is not null && await RecordDeleteAsync(connection, tx, id, ct);
    }

    private async Task<bool> RecordDeleteAsync(SqliteConnection connection, SqliteTransaction tx, long id, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new { id, type = "delete", at = clock.GetUtcNow(), document = (string?)null }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(ForgetSql, new { id }, tx, cancellationToken: ct));
        // It left: the stories that curate it no longer list it.
        await MarkCuratorsAsync(connection, tx, id, ct);
        return true;
    }

    private const string MarkCuratorsSql = """
        UPDATE syndicated_articles SET refresh = refresh + 1 WHERE article_id IN (SELECT article_id FROM article_related WHERE related_id = @id)
        """;

    private static Task<int> MarkCuratorsAsync(SqliteConnection connection, SqliteTransaction tx, long id, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(MarkCuratorsSql, new { id }, tx, cancellationToken: ct));

    private const string SectionRenamedSql = "UPDATE syndicated_articles SET refresh = refresh + 1 WHERE article_id IN (SELECT id FROM articles WHERE section_id = @id)";
    private const string TagRenamedSql = "UPDATE syndicated_articles SET refresh = refresh + 1 WHERE article_id IN (SELECT article_id FROM article_tags WHERE tag_id = @id)";
    private const string AuthorRenamedSql = "UPDATE syndicated_articles SET refresh = refresh + 1 WHERE article_id IN (SELECT article_id FROM article_authors WHERE author_id = @id)";
    private const string SourceRenamedSql = "UPDATE syndicated_articles SET refresh = refresh + 1 WHERE article_id IN (SELECT id FROM articles WHERE source_id = @id)";

    /// <summary>Inside a taxonomy write: a section, tag, author or source (<paramref name="kind"/>, as in
    /// <c>/v1/admin/{kind}</c>) changed; the documents that name it are written again by the next pass (and only
    /// sent if they differ). One statement, so renaming a section of many articles holds the write lock briefly.</summary>
    public static Task<int> MarkTermChangedAsync(SqliteConnection connection, SqliteTransaction tx, string kind, long id, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(kind switch
        {
            "sections" => SectionRenamedSql,
            "tags" => TagRenamedSql,
            "authors" => AuthorRenamedSql,
            "sources" => SourceRenamedSql,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a taxonomy list."),
        }, new { id }, tx, cancellationToken: ct));

    // SyndicatablePredicate, for a row in hand.
    public static bool IsSyndicatable(ArticleRow a, DateTimeOffset now) => a.SyndicationAllowed && a.IsPublicAt(now);

    private const string PageSql = "SELECT seq, article_id, type, at, document FROM syndication_changes WHERE seq > @after ORDER BY seq LIMIT @limit";

    /// <summary>The entries after <paramref name="after"/>, oldest first.</summary>
    public async Task<List<ChangeRow>> ListAsync(long after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ChangeRow>(new CommandDefinition(PageSql, new { after, limit }, cancellationToken: ct))).AsList();
    }

    public NinjsDocument Document(ChangeRow row) => JsonSerializer.Deserialize<NinjsDocument>(row.Document!, _stored)!;

    /// <summary>The syndicatable related stories of an article, for a read outside any write.</summary>
    public async Task<List<long>> RelatedAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(RelatedSql, new { id, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    private const string JoiningSql = "SELECT a.id FROM articles a WHERE " + SyndicatablePredicate +
        " AND a.id NOT IN (SELECT article_id FROM syndicated_articles)";
    private const string RefreshSql = "SELECT article_id FROM syndicated_articles WHERE refresh > 0";
    private const string DueSql = JoiningSql + " AND a.embargo_until IS NOT NULL AND a.embargo_until <= @now UNION " + RefreshSql + " LIMIT @limit";
    private const string DueAtStartSql = JoiningSql + " UNION " + RefreshSql +
        " UNION SELECT s.article_id FROM syndicated_articles s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id AND " +
        SyndicatablePredicate + ") LIMIT @limit";

    /// <summary>Articles whose entry is due without a write of their own: embargoes that ended and documents to
    /// refresh; <paramref name="atStart"/> (the first pass after start-up) also every syndicatable article
    /// partners were never told of (written before the log existed, or loaded in bulk) and any they hold that
    /// is not syndicatable. Both are found by comparing the articles with what partners hold, so nothing is missed.</summary>
    public async Task<List<long>> DueAsync(bool atStart, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(atStart ? DueAtStartSql : DueSql,
            new { now = clock.GetUtcNow(), limit }, cancellationToken: ct))).AsList();
    }
}

/// <summary>One <c>syndication_changes</c> row (Dapper target: a class, as Dapper maps TEXT dates only through setters).</summary>
public sealed class ChangeRow
{
    public long Seq { get; init; }
    public long ArticleId { get; init; }
    public string Type { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string? Document { get; init; }
}
