using System.Data;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Editorial;

/// <summary>Who is writing: recorded on revisions and used for ownership.</summary>
public sealed record Actor(string Name, long? KeyId, long? AuthorId);

public enum WriteError { None, NotFound, VersionMismatch, SlugTaken, Invalid, NotReady }

public sealed record WriteResult(ArticleRow? Article, WriteError Error = WriteError.None, string? Detail = null, string? Suggestion = null,
    IDictionary<string, string[]>? Errors = null)
{
    public static WriteResult Fail(WriteError error, string detail, string? suggestion = null) => new(null, error, detail, suggestion);
}

/// <summary>Every article write: the row, its links, its slug history, its revision and its search
/// entry, in one transaction, so a failed write leaves nothing behind. What costs CPU is done before
/// the transaction opens (<see cref="PrepareAsync"/>): the transaction only looks up and writes.</summary>
public sealed partial class ArticleWriter(Db db, TimeProvider clock, BodySanitizer sanitizer, ArticleMapper mapper,
    IOptions<JsonOptions> json, IArticleIndexer indexer, Http.ContentClockRepository contentClock)
{
    private const string InsertSql = """
        INSERT INTO articles (slug, headline, subheadline, excerpt, custom_excerpt, body_html, body_text, dateline,
            section_id, source_id, language, image_url, image_alt, image_caption, image_credit, image_width, image_height,
            status, published_at, embargo_until, canonical_url, reading_time_minutes, syndication_allowed,
            owner_author_id, owner_key_id, version, created_at, updated_at)
        VALUES (@Slug, @Headline, @Subheadline, @Excerpt, @CustomExcerpt, @BodyHtml, @BodyText, @Dateline,
            @SectionId, @SourceId, @Language, @ImageUrl, @ImageAlt, @ImageCaption, @ImageCredit, @ImageWidth, @ImageHeight,
            'draft', NULL, @EmbargoUntil, @CanonicalUrl, @ReadingTimeMinutes, @SyndicationAllowed,
            @OwnerAuthorId, @OwnerKeyId, 1, @Now, @Now)
        RETURNING id
        """;

    private const string UpdateSql = """
        UPDATE articles SET slug = @Slug, headline = @Headline, subheadline = @Subheadline, excerpt = @Excerpt,
            custom_excerpt = @CustomExcerpt, body_html = @BodyHtml, body_text = @BodyText, dateline = @Dateline,
            section_id = @SectionId, source_id = @SourceId, language = @Language, image_url = @ImageUrl, image_alt = @ImageAlt,
            image_caption = @ImageCaption, image_credit = @ImageCredit, image_width = @ImageWidth, image_height = @ImageHeight,
            embargo_until = @EmbargoUntil, canonical_url = @CanonicalUrl, reading_time_minutes = @ReadingTimeMinutes,
            syndication_allowed = @SyndicationAllowed, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @ExpectedVersion
        """;

    public async Task<WriteResult> CreateAsync(ArticleInput input, Actor actor, CancellationToken ct)
    {
        var (prepared, refused) = await PrepareGatedAsync(input, ct);
        if (refused is not null) return refused;
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var values = await ResolveAsync(connection, tx, prepared!, current: null, ct);
        if (values.Error is not null) return values.Error;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, values.Row! with
        {
            OwnerAuthorId = actor.AuthorId,
            OwnerKeyId = actor.KeyId,
        }, tx, cancellationToken: ct));
        await ReplaceLinksAsync(connection, tx, id, values, ct);
        var row = await SaveRevisionAsync(connection, tx, id, actor, prepared!.Search, ct);
        await tx.CommitAsync(ct);
        return new WriteResult(row);
    }

    public async Task<WriteResult> UpdateAsync(long id, ArticleInput input, long expectedVersion, Actor actor, CancellationToken ct)
    {
        var (prepared, refused) = await PrepareGatedAsync(input, ct);
        if (refused is not null) return refused;
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var current = await LoadAsync(connection, tx, id, ct);
        if (current is null) return WriteResult.Fail(WriteError.NotFound, $"No article has id {id}.");
        if (current.Version != expectedVersion)
            return WriteResult.Fail(WriteError.VersionMismatch, $"The article is at version {current.Version}, not {expectedVersion}; fetch it again and reapply your change.");
        var values = await ResolveAsync(connection, tx, prepared!, current, ct);
        if (values.Error is not null) return values.Error;
        if (current.Status is "published" or "scheduled" && !HasBody(values.Row!.BodyText, values.Row.BodyHtml))
            return new WriteResult(null, WriteError.Invalid, "A published or scheduled article needs a body.",
                Errors: new Dictionary<string, string[]> { ["body"] = [$"A {current.Status} article needs a body; unpublish it first to empty it."] });
        var affected = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, values.Row! with
        {
            Id = id,
            ExpectedVersion = expectedVersion,
        }, tx, cancellationToken: ct));
        if (affected != 1) return WriteResult.Fail(WriteError.VersionMismatch, "The article changed while it was being saved.");
        if (current.Slug != values.Row!.Slug) await RetireSlugAsync(connection, tx, id, current.Slug, values.Row.Slug, ct);
        await ReplaceLinksAsync(connection, tx, id, values, ct);
        var row = await SaveRevisionAsync(connection, tx, id, actor, prepared!.Search, ct);
        await tx.CommitAsync(ct);
        return new WriteResult(row);
    }

    /// <summary>Words, or at least a picture (a photo story): what a public article must have.</summary>
    private static bool HasBody(string text, string html) =>
        text.Trim().Length > 0 || html.Contains("<img", StringComparison.OrdinalIgnoreCase);

    private const string TransitionSql = """
        UPDATE articles SET status = @status, published_at = @publishedAt, version = version + 1, updated_at = @now
        WHERE id = @id
        """;

    /// <summary>Moves an article through the workflow; <paramref name="publishedAt"/> stays as it was when null.</summary>
    public async Task<WriteResult> TransitionAsync(long id, ArticleStatus status, DateTimeOffset? publishedAt, long? expectedVersion, Actor actor, CancellationToken ct,
        string? onlyFromStatus = null)
    {
        // The search text is worked out from the article as read before the transaction; in the rare
        // case it changed meanwhile, again inside.
        ArticleRow? before;
        await using (var reader = await db.OpenAsync(ct)) before = await LoadAsync(reader, null, id, ct);
        if (before is null) return WriteResult.Fail(WriteError.NotFound, $"No article has id {id}.");
        var text = indexer.Prepare(before.Headline, before.CustomExcerpt, before.BodyText);
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var current = await LoadAsync(connection, tx, id, ct);
        if (current is null) return WriteResult.Fail(WriteError.NotFound, $"No article has id {id}.");
        if (current.Version != before.Version) text = indexer.Prepare(current.Headline, current.CustomExcerpt, current.BodyText);
        if (expectedVersion is { } v && current.Version != v)
            return WriteResult.Fail(WriteError.VersionMismatch, $"The article is at version {current.Version}, not {v}.");
        if (onlyFromStatus is not null && current.Status != onlyFromStatus)
            return WriteResult.Fail(WriteError.VersionMismatch, $"The article is {current.Status}, no longer {onlyFromStatus}.");
        if (status is ArticleStatus.Published or ArticleStatus.Scheduled && !HasBody(current.BodyText, current.BodyHtml))
            return WriteResult.Fail(WriteError.NotReady, "An article needs a body before it can be published or scheduled.");
        await connection.ExecuteAsync(new CommandDefinition(TransitionSql, new
        {
            id,
            status = status.ToString().ToLowerInvariant(),
            publishedAt = publishedAt ?? current.PublishedAt,
            now = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        var row = await SaveRevisionAsync(connection, tx, id, actor, text, ct);
        await tx.CommitAsync(ct);
        return new WriteResult(row);
    }

    /// <summary>Replaces the curated related ids (in order); a new version and revision.</summary>
    public async Task<WriteResult> SetRelatedAsync(long id, IReadOnlyList<long> relatedIds, long expectedVersion, Actor actor, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var bumped = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE articles SET version = version + 1, updated_at = @now WHERE id = @id AND version = @expectedVersion",
            new { id, expectedVersion, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        if (bumped != 1) return WriteResult.Fail(WriteError.VersionMismatch, "The article changed while its related stories were being saved.");
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM article_related WHERE article_id = @id", new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO article_related (article_id, related_id, position) VALUES (@id, @relatedId, @position)",
            relatedIds.Select((relatedId, position) => new { id, relatedId, position }), tx, cancellationToken: ct));
        var row = await SaveRevisionAsync(connection, tx, id, actor, text: null, ct);
        await tx.CommitAsync(ct);
        return new WriteResult(row);
    }

    public async Task<bool> DeleteAsync(long id, long expectedVersion, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await indexer.RemoveAsync(connection, tx, id, ct);
        var affected = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM articles WHERE id = @id AND version = @expectedVersion", new { id, expectedVersion }, tx, cancellationToken: ct));
        if (affected != 1) return false;
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await tx.CommitAsync(ct);
        return true;
    }


    public static Task<ArticleRow?> LoadAsync(IDbConnection connection, IDbTransaction? tx, long id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleRow.ById, new { id }, tx, cancellationToken: ct));

    private const string NextRevisionSql = "SELECT coalesce(max(number), 0) + 1 FROM article_revisions WHERE article_id = @id";

    private const string InsertRevisionSql = """
        INSERT INTO article_revisions (article_id, number, created_at, created_by, snapshot)
        VALUES (@id, @number, @now, @createdBy, @snapshot)
        """;

    /// <summary>Reads the article back as saved, stores it as the next revision, refreshes its search entry
    /// and records the change on the content clock.</summary>
    private async Task<ArticleRow> SaveRevisionAsync(SqliteConnection connection, SqliteTransaction tx, long id, Actor actor, Search.IndexedText? text, CancellationToken ct)
    {
        var row = (await LoadAsync(connection, tx, id, ct))!;
        var article = (await mapper.ToArticlesAsync(connection, tx, [row], BodyFormats.Html, ct, publicOnly: false))[0];
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextRevisionSql, new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertRevisionSql, new
        {
            id,
            number,
            now = clock.GetUtcNow(),
            createdBy = actor.Name,
            snapshot = JsonSerializer.Serialize(article, json.Value.SerializerOptions),
        }, tx, cancellationToken: ct));
        await indexer.IndexAsync(connection, tx, row, text, ct);
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        return row;
    }

    private async Task RetireSlugAsync(SqliteConnection connection, SqliteTransaction tx, long id, string oldSlug, string newSlug, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM article_old_slugs WHERE slug = @newSlug AND article_id = @id", new { id, newSlug }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT OR REPLACE INTO article_old_slugs (slug, article_id, retired_at) VALUES (@oldSlug, @id, @now)",
            new { id, oldSlug, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
    }

    private static async Task ReplaceLinksAsync(SqliteConnection connection, SqliteTransaction tx, long id, ResolvedInput values, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM article_tags WHERE article_id = @id; DELETE FROM article_authors WHERE article_id = @id;", new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO article_tags (article_id, tag_id, position) VALUES (@id, @tagId, @position)",
            values.TagIds.Select((tagId, position) => new { id, tagId, position }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO article_authors (article_id, author_id, position) VALUES (@id, @authorId, @position)",
            values.AuthorIds.Select((authorId, position) => new { id, authorId, position }), tx, cancellationToken: ct));
    }

    internal static string Nfc(string? s) => (s ?? "").Normalize(NormalizationForm.FormC).Trim();

    internal static string? NfcOrNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : Nfc(s);
}

/// <summary>Keeps a secondary index (search) in step with article writes, inside the same transaction.</summary>
public interface IArticleIndexer
{
    /// <summary>The entry's text, worked out before the write transaction opens.</summary>
    Search.IndexedText Prepare(string headline, string? customExcerpt, string bodyText);

    Task IndexAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow article, Search.IndexedText? text, CancellationToken ct);
    Task RemoveAsync(SqliteConnection connection, SqliteTransaction tx, long articleId, CancellationToken ct);
}
