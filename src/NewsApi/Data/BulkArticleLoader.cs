using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Search;

namespace NewsApi.Data;

/// <summary>One published article as <see cref="BulkArticleLoader"/> stores it. Every column is worked out
/// beforehand (on any thread), so the one writer only binds values and steps.</summary>
public sealed record BulkArticle(long Id, string Slug, string Headline, string Excerpt, string BodyHtml, string BodyText, string Dateline,
    long SectionId, long SourceId, string PublishedAt, int ReadingMinutes, long AuthorId, long[] TagIds, SearchDocument Search)
{
    /// <summary>Worked out with the rest, off the writer's thread.</summary>
    public string SlugSkeleton { get; } = Text.SlugSafety.Skeleton(Slug);
}

/// <summary>A bulk load of published articles (generate-corpus): taxonomy, articles and their search rows
/// written straight to the tables in one transaction, out of WAL. It needs the database file to itself, so
/// it is for the command line only; the service writes through ArticleWriter.</summary>
public sealed class BulkArticleLoader : IAsyncDisposable
{
    // Synthetic data: a big page cache helps FTS5 merge its segments, and there is nothing to lose on a
    // crash mid-way (the transaction simply never commits).
    private const string BulkPragmasSql = "PRAGMA cache_size = -262144; PRAGMA synchronous = OFF;";

    // Writing through the WAL would write the whole corpus twice (log, then checkpoint).
    private const string LeaveWalSql = "PRAGMA journal_mode = MEMORY";

    private const string NextArticleIdSql = "SELECT coalesce(max(id), 0) + 1 FROM articles";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly string _now = DbTime.ToText(DateTimeOffset.UtcNow);
    private readonly SqliteCommand _insertArticle;
    private readonly SqliteCommand _insertTag;
    private readonly SqliteCommand _insertAuthor;
    private readonly SqliteCommand _insertSearch;

    private BulkArticleLoader(SqliteConnection connection, SqliteTransaction tx, long nextArticleId)
    {
        _connection = connection;
        _tx = tx;
        NextArticleId = nextArticleId;
        _insertArticle = Prepare(InsertArticleSql, "$id", "$slug", "$skeleton", "$headline", "$excerpt", "$html", "$text", "$dateline", "$section", "$source", "$at", "$minutes");
        _insertTag = Prepare(InsertArticleTagSql, "$a", "$t", "$p");
        _insertAuthor = Prepare(InsertArticleAuthorSql, "$a", "$u");
        _insertSearch = Prepare(InsertSearchSql, "$id", "$p", "$h", "$e", "$b", "$rh", "$rt");
    }

    /// <summary>The id the first added article takes: articles are numbered on from the highest already there.</summary>
    public long NextArticleId { get; }

    /// <summary>Leaves WAL and opens the load's transaction.</summary>
    /// <exception cref="InvalidOperationException">Another connection (the running service) has the file open.</exception>
    public static async Task<BulkArticleLoader> BeginAsync(Db db, CancellationToken ct)
    {
        var connection = await db.OpenAsync(ct);
        try
        {
            // Back in the pool this connection must not stay unsynchronised.
            Db.Forget(connection);
            await connection.ExecuteAsync(new CommandDefinition(BulkPragmasSql, cancellationToken: ct));
            await LeaveWalAsync(connection, db.DataSource, ct);
            var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var next = await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextArticleIdSql, transaction: tx, cancellationToken: ct));
            return new BulkArticleLoader(connection, tx, next);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Leaving WAL needs the file to itself: with the service running this fails within a
    /// second, not after the 30 s busy wait, and says what to do.</summary>
    private static async Task LeaveWalAsync(SqliteConnection connection, string file, CancellationToken ct)
    {
        string? mode;
        try
        {
            mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition(LeaveWalSql, commandTimeout: 1, cancellationToken: ct));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            mode = null;
        }
        if (!string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"generate-corpus needs {file} to itself: stop the service that has it open, then run it again.");
    }

    private const string InsertSectionSql = """
        INSERT OR IGNORE INTO sections (slug, slug_skeleton, name, parent_id, created_at, updated_at) VALUES (@slug, @skeleton, @name, @parentId, @now, @now)
        """;
    private const string SectionIdSql = "SELECT id FROM sections WHERE slug = @slug";

    /// <summary>The section's id, inserting it if no section has the slug yet.</summary>
    public Task<long> EnsureSectionAsync(string slug, string name, long? parentId, CancellationToken ct) =>
        EnsureAsync(InsertSectionSql, SectionIdSql, new { slug, skeleton = Text.SlugSafety.Skeleton(slug), name, parentId, now = _now }, ct);

    private const string InsertTagSql = "INSERT OR IGNORE INTO tags (slug, slug_skeleton, name, created_at, updated_at) VALUES (@slug, @skeleton, @name, @now, @now)";
    private const string TagIdSql = "SELECT id FROM tags WHERE slug = @slug";

    public Task<long> EnsureTagAsync(string slug, string name, CancellationToken ct) =>
        EnsureAsync(InsertTagSql, TagIdSql, new { slug, skeleton = Text.SlugSafety.Skeleton(slug), name, now = _now }, ct);

    private const string InsertAuthorSql = "INSERT OR IGNORE INTO authors (slug, name, created_at, updated_at) VALUES (@slug, @name, @now, @now)";
    private const string AuthorIdSql = "SELECT id FROM authors WHERE slug = @slug";

    public Task<long> EnsureAuthorAsync(string slug, string name, CancellationToken ct) =>
        EnsureAsync(InsertAuthorSql, AuthorIdSql, new { slug, name, now = _now }, ct);

    private const string InsertSourceSql = "INSERT OR IGNORE INTO sources (slug, name, created_at, updated_at) VALUES (@slug, @name, @now, @now)";
    private const string SourceIdSql = "SELECT id FROM sources WHERE slug = @slug";

    public Task<long> EnsureSourceAsync(string slug, string name, CancellationToken ct) =>
        EnsureAsync(InsertSourceSql, SourceIdSql, new { slug, name, now = _now }, ct);

    private async Task<long> EnsureAsync(string insertSql, string idSql, object args, CancellationToken ct)
    {
        await _connection.ExecuteAsync(new CommandDefinition(insertSql, args, _tx, cancellationToken: ct));
        return await _connection.QuerySingleAsync<long>(new CommandDefinition(idSql, args, _tx, cancellationToken: ct));
    }

    private const string InsertArticleSql = """
        INSERT INTO articles (id, slug, slug_skeleton, headline, excerpt, body_html, body_text, dateline, section_id, source_id, language, status,
            published_at, reading_time_minutes, syndication_allowed, version, created_at, updated_at)
        VALUES ($id, $slug, $skeleton, $headline, $excerpt, $html, $text, $dateline, $section, $source, 'hi', 'published', $at, $minutes, 1, 1, $at, $at)
        """;

    // A tag drawn twice for one article is stored once.
    private const string InsertArticleTagSql = "INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES ($a, $t, $p)";
    private const string InsertArticleAuthorSql = "INSERT INTO article_authors (article_id, author_id, position) VALUES ($a, $u, 0)";
    private const string InsertSearchSql = """
        INSERT INTO article_search (rowid, published_at, headline, excerpt, body, roman_headline, roman_text) VALUES ($id, $p, $h, $e, $b, $rh, $rt)
        """;

    /// <summary>Writes the article, its tags, author and search row. Synchronous, on commands prepared once and
    /// reused for every row: a Dapper call (or an async step) per row would pay its overhead 100k times over.</summary>
    public void Add(BulkArticle article)
    {
        Run(_insertArticle, article.Id, article.Slug, article.SlugSkeleton, article.Headline, article.Excerpt, article.BodyHtml, article.BodyText,
            article.Dateline, article.SectionId, article.SourceId, article.PublishedAt, article.ReadingMinutes);
        for (var t = 0; t < article.TagIds.Length; t++) Run(_insertTag, article.Id, article.TagIds[t], t);
        Run(_insertAuthor, article.Id, article.AuthorId);
        var doc = article.Search;
        Run(_insertSearch, doc.Id, doc.PublishedAt, doc.Headline, doc.Excerpt, doc.Body, doc.RomanHeadline, doc.RomanText);
    }

    // WAL is the service's mode (kept in the file); ANALYZE gives the planner statistics for the new rows.
    private const string ReturnToWalSql = "PRAGMA journal_mode = WAL; ANALYZE;";

    /// <summary>Commits the load (with the search index marked current for what it now holds) and returns to WAL.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        await SearchIndex.MarkCurrentAsync(_connection, _tx, ct);
        await _tx.CommitAsync(ct);
        await _connection.ExecuteAsync(new CommandDefinition(ReturnToWalSql, cancellationToken: ct));
    }

    /// <summary>Without <see cref="CommitAsync"/>, rolls the whole load back.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _insertArticle, _insertTag, _insertAuthor, _insertSearch }) await command.DisposeAsync();
        await _tx.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }
}
