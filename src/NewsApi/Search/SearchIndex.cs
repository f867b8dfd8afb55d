using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Editorial;

namespace NewsApi.Search;

/// <summary>One row of <c>article_search</c> (Dapper parameters).</summary>
public sealed record SearchDocument(long Id, string PublishedAt, string Headline, string Excerpt, string Body, string RomanHeadline, string RomanText);

/// <summary>An article's text as the index stores it: normalised, with the phonetic keys of its Devanagari
/// words. Worked out before a write transaction opens (it costs ~100 ms for a 1 MB body).</summary>
public sealed record IndexedText(string Headline, string Excerpt, string Body, string RomanHeadline, string RomanText);

/// <summary>Keeps <c>article_search</c> holding exactly the publicly visible articles. Called by
/// <see cref="ArticleWriter"/> inside the write's transaction, so the index never disagrees with the
/// articles table.</summary>
public sealed class SearchIndex(TimeProvider clock) : IArticleIndexer
{
    private const string UpsertSql = """
        INSERT OR REPLACE INTO article_search (rowid, published_at, headline, excerpt, body, roman_headline, roman_text)
        VALUES (@Id, @PublishedAt, @Headline, @Excerpt, @Body, @RomanHeadline, @RomanText)
        """;

    public IndexedText Prepare(string headline, string? customExcerpt, string bodyText) => Text(headline, customExcerpt ?? "", bodyText);

    /// <param name="text">The article's <see cref="Prepare"/>d text; null when the write did not change it
    /// (curating related stories), which leaves an existing entry as it is.</param>
    public async Task IndexAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow article, IndexedText? text, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var visible = article.Status == "published" && article.PublishedAt <= now && (article.EmbargoUntil is null || article.EmbargoUntil <= now);
        if (!visible)
        {
            await RemoveAsync(connection, tx, article.Id, ct);
            return;
        }
        if (text is null) return;
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, Document(article.Id, article.PublishedAt!.Value, text), tx, cancellationToken: ct));
    }

    public Task RemoveAsync(SqliteConnection connection, SqliteTransaction tx, long articleId, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition("DELETE FROM article_search WHERE rowid = @articleId", new { articleId }, tx, cancellationToken: ct));

    /// <summary>The index row of an article: normalised text and the phonetic keys of its Devanagari words.
    /// Only an editor's own excerpt is indexed as the excerpt: a derived one is the body's first words, and
    /// indexing it would count them twice (a body match would outweigh a headline match).</summary>
    public static SearchDocument Document(long id, DateTimeOffset publishedAt, string headline, string excerpt, string bodyText) =>
        Document(id, publishedAt, Text(headline, excerpt, bodyText));

    private static SearchDocument Document(long id, DateTimeOffset publishedAt, IndexedText text) =>
        new(id, DbTime.ToText(publishedAt), text.Headline, text.Excerpt, text.Body, text.RomanHeadline, text.RomanText);

    private static IndexedText Text(string headline, string excerpt, string bodyText)
    {
        var h = SearchText.Normalize(headline);
        var e = SearchText.Normalize(excerpt);
        var b = SearchText.Normalize(bodyText);
        return new IndexedText(h, e, b, Keys(h), Keys(e + " " + b));
    }

    private static string Keys(string normalized) => string.Join(' ', SearchText.Tokens(normalized)
        .Where(SearchText.IsDevanagari).Select(Romanizer.Key).OfType<string>().Distinct(StringComparer.Ordinal));

    private const string MissingSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From + " WHERE " + ArticleFilter.PublicPredicate +
        " AND a.id NOT IN (SELECT rowid FROM article_search)";

    private const string EmbargoLiftedSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From +
        " WHERE a.embargo_until IS NOT NULL AND a.embargo_until <= @now AND " + ArticleFilter.PublicPredicate +
        " AND a.id NOT IN (SELECT rowid FROM article_search)";

    /// <summary>Version of what the index stores (normalisation and <see cref="Romanizer"/> keys). When it
    /// changes, start-up rebuilds the index so old rows do not keep old keys.</summary>
    public const string Version = "4";

    /// <summary>Start-up: rebuilds the index if it was built by another version, then adds what is missing.</summary>
    public async Task<int> EnsureCurrentAsync(Db db, CancellationToken ct)
    {
        await using (var connection = await db.OpenAsync(ct))
        {
            var built = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT value FROM settings WHERE name = 'search_index_version'", cancellationToken: ct));
            if (built != Version)
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await connection.ExecuteAsync(new CommandDefinition("DELETE FROM article_search", transaction: tx, cancellationToken: ct));
                await MarkCurrentAsync(connection, tx, ct);
                await tx.CommitAsync(ct);
            }
        }
        return await CatchUpAsync(db, embargoOnly: false, ct);
    }

    /// <summary>Records that the index holds this <see cref="Version"/>'s rows.</summary>
    public static Task MarkCurrentAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction tx, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO settings (name, value) VALUES ('search_index_version', @Version) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { Version }, tx, cancellationToken: ct));

    /// <summary>Adds public articles the index lacks: everything at start-up (after an upgrade or a restore),
    /// only those whose embargo has just passed on the scheduler's pass.</summary>
    public async Task<int> CatchUpAsync(Db db, bool embargoOnly, CancellationToken ct)
    {
        List<ArticleRow> rows;
        await using (var reader = await db.OpenAsync(ct))
        {
            rows = (await reader.QueryAsync<ArticleRow>(new CommandDefinition(embargoOnly ? EmbargoLiftedSql : MissingSql,
                new { now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
        }
        var added = 0;
        // Text is worked out outside the transaction, in batches so no write holds the lock for long.
        foreach (var batch in rows.Chunk(200))
        {
            var texts = batch.Select(r => (Row: r, Text: Prepare(r.Headline, r.CustomExcerpt, r.BodyText))).ToList();
            var (connection, tx) = await db.BeginWriteAsync(ct);
            await using (connection)
            await using (tx)
            {
                foreach (var (row, text) in texts)
                {
                    // Re-read inside the transaction: the article may have changed or gone since the query.
                    var current = await ArticleRepository.LoadAsync(connection, tx, row.Id, ct);
                    if (current is null || current.Version != row.Version) continue;
                    await IndexAsync(connection, tx, current, text, ct);
                    added++;
                }
                await tx.CommitAsync(ct);
            }
        }
        return added;
    }
}
