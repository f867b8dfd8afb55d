using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Search;

/// <summary>Every statement on the search index: <c>article_search</c> (FTS5, one row per public article, its
/// rowid the article's id), its vocabulary and its version, and the article reads that feed it and show its
/// hits. Ranking queries are in SearchIndexRepository.Ranking.cs; what to index, and how to score, is
/// <see cref="SearchIndex"/>'s and <see cref="SearchService"/>'s.</summary>
public sealed partial class SearchIndexRepository(Db db, TimeProvider clock, Caching.PurgeOutboxRepository purges)
{
    /// <summary>A connection for one search's reads, passed to each (one connection per request).</summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken ct) => db.OpenAsync(ct);

    private const string UpsertSql = """
        INSERT OR REPLACE INTO article_search (rowid, published_at, headline, excerpt, body, roman_headline, roman_text)
        VALUES (@Id, @PublishedAt, @Headline, @Excerpt, @Body, @RomanHeadline, @RomanText)
        """;

    /// <summary>Makes the index agree with <paramref name="article"/> as it now is, inside the write's own
    /// transaction: an entry while it is public, none otherwise.</summary>
    /// <param name="text">The article's prepared text; null when the write did not change it, which leaves an
    /// existing entry as it is.</param>
    public async Task IndexAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow article, IndexedText? text, CancellationToken ct)
    {
        if (!IsPublic(article, clock.GetUtcNow()))
        {
            await RemoveAsync(connection, tx, article.Id, ct);
            return;
        }
        if (text is null) return;
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, SearchDocument.From(article.Id, article.PublishedAt!.Value, text), tx, cancellationToken: ct));
    }

    // ArticleFilter.PublicPredicate, for a row already in hand.
    private static bool IsPublic(ArticleRow article, DateTimeOffset now) =>
        article.Status == "published" && article.PublishedAt <= now && (article.EmbargoUntil is null || article.EmbargoUntil <= now);

    private const string RemoveSql = "DELETE FROM article_search WHERE rowid = @articleId";

    public Task RemoveAsync(SqliteConnection connection, SqliteTransaction tx, long articleId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(RemoveSql, new { articleId }, tx, cancellationToken: ct));

    private const string BuiltVersionSql = "SELECT value FROM settings WHERE name = 'search_index_version'";

    /// <summary>The <see cref="SearchIndex.Version"/> whose rows the index holds; null before the first build.</summary>
    public async Task<string?> BuiltVersionAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(BuiltVersionSql, cancellationToken: ct));
    }

    private const string ClearSql = "DELETE FROM article_search";

    /// <summary>Empties the index and records that it is now <paramref name="version"/>'s, in one transaction.</summary>
    public async Task ClearAsync(string version, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await connection.ExecuteAsync(new CommandDefinition(ClearSql, transaction: tx, cancellationToken: ct));
        await MarkVersionAsync(connection, tx, version, ct);
        await tx.CommitAsync(ct);
    }

    private const string MarkVersionSql = """
        INSERT INTO settings (name, value) VALUES ('search_index_version', @version) ON CONFLICT (name) DO UPDATE SET value = excluded.value
        """;

    /// <summary>Records, inside the caller's transaction, that the index holds <paramref name="version"/>'s rows.</summary>
    public static Task MarkVersionAsync(IDbConnection connection, IDbTransaction tx, string version, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(MarkVersionSql, new { version }, tx, cancellationToken: ct));

    // The ids the index holds, read from FTS5's docsize shadow table (one small row per document): "SELECT rowid FROM
    // article_search" walks the content table, bodies and all, which made every start 0.25 s slower on 100k articles.
    private const string IndexedIds = "SELECT id FROM article_search_docsize";

    private const string MissingSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From + " WHERE " + ArticleFilter.PublicPredicate +
        " AND a.id NOT IN (" + IndexedIds + ")";

    private const string EmbargoLiftedSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From +
        " WHERE a.embargo_until IS NOT NULL AND a.embargo_until <= @now AND " + ArticleFilter.PublicPredicate +
        " AND a.id NOT IN (" + IndexedIds + ")";

    /// <summary>Public articles the index lacks: all of them, or only those whose embargo has passed.</summary>
    public async Task<List<ArticleRow>> MissingAsync(bool embargoLiftedOnly, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(embargoLiftedOnly ? EmbargoLiftedSql : MissingSql,
            new { now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    /// <summary>Indexes <paramref name="batch"/> in one write transaction, each article re-read inside it and
    /// skipped when it changed or went since it was read (its text would be stale); returns how many were indexed.</summary>
    /// <param name="embargoLifted">The articles have just become public: the same transaction queues the cache
    /// purge that shows them (start-up's catch-up adds articles that were public already).</param>
    public async Task<int> AddAsync(IReadOnlyList<(ArticleRow Read, IndexedText Text)> batch, bool embargoLifted, CancellationToken ct)
    {
        var added = new List<long>();
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        foreach (var (read, text) in batch)
        {
            var current = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleRow.ById, new { id = read.Id }, tx, cancellationToken: ct));
            if (current is null || current.Version != read.Version) continue;
            await IndexAsync(connection, tx, current, text, ct);
            added.Add(current.Id);
        }
        if (embargoLifted) await purges.EnqueueArticlesAsync(connection, tx, added, ct);
        await tx.CommitAsync(ct);
        purges.Committed();
        return added.Count;
    }

    private const string DocumentsSql = "SELECT count(*) FROM article_search";
    private const string WordsSql = "SELECT term, doc FROM article_search_terms";
    private const string TagsSql = "SELECT tag_id, count(*) FROM article_tags GROUP BY tag_id";

    /// <summary>How many articles the index holds, how many hold each indexed word, and how many carry each
    /// tag: one pass over the index's vocabulary, which reads every word's posting list.</summary>
    public async Task<(long Documents, Dictionary<string, long> Words, Dictionary<long, long> Tags)> CountsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var documents = await connection.ExecuteScalarAsync<long>(new CommandDefinition(DocumentsSql, cancellationToken: ct));
        var words = (await connection.QueryAsync<(string Term, long Doc)>(new CommandDefinition(
            WordsSql, cancellationToken: ct))).ToDictionary(w => w.Term, w => w.Doc, StringComparer.Ordinal);
        var tags = (await connection.QueryAsync<(long TagId, long Count)>(new CommandDefinition(
            TagsSql, cancellationToken: ct))).ToDictionary(t => t.TagId, t => t.Count);
        return (documents, words, tags);
    }
}
