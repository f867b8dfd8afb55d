using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Editorial;

namespace NewsApi.Articles;

/// <summary>Every article write: the row, its links, its slug history, its revision, its search entry, the
/// cache purge, the partner change feed entry and the webhook events it calls for, in one transaction, so a failed write leaves
/// nothing behind. Each takes what was worked out before the transaction opened (<see cref="PreparedInput"/>, <see cref="Search.IndexedText"/>):
/// inside, only lookups and writes. After the commit, <see cref="Committed"/> wakes the purge sender and the webhook dispatcher.</summary>
public sealed partial class ArticleRepository
{
    private const string InsertSql = """
        INSERT INTO articles (slug, slug_skeleton, headline, subheadline, excerpt, custom_excerpt, body_html, body_text, dateline,
            section_id, source_id, language, image_url, image_alt, image_caption, image_credit, image_width, image_height,
            status, published_at, embargo_until, canonical_url, reading_time_minutes, syndication_allowed,
            owner_author_id, owner_key_id, version, created_at, updated_at)
        VALUES (@Slug, @SlugSkeleton, @Headline, @Subheadline, @Excerpt, @CustomExcerpt, @BodyHtml, @BodyText, @Dateline,
            @SectionId, @SourceId, @Language, @ImageUrl, @ImageAlt, @ImageCaption, @ImageCredit, @ImageWidth, @ImageHeight,
            'draft', NULL, @EmbargoUntil, @CanonicalUrl, @ReadingTimeMinutes, @SyndicationAllowed,
            @OwnerAuthorId, @OwnerKeyId, 1, @Now, @Now)
        RETURNING id
        """;

    public async Task<WriteResult> InsertAsync(PreparedInput prepared, Actor actor, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var values = await ResolveAsync(connection, tx, prepared, current: null, ct);
        if (values.Error is not null) return values.Error;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, values.Row! with
        {
            OwnerAuthorId = actor.AuthorId,
            OwnerKeyId = actor.KeyId,
        }, tx, cancellationToken: ct));
        await ReplaceLinksAsync(connection, tx, id, values, ct);
        if (prepared.Origin is { } origin) await SaveOriginAsync(connection, tx, id, origin, ct);
        var row = await SaveRevisionAsync(connection, tx, id, actor, prepared.Search, keysBefore: [], ct);
        await contentClock.CommitAsync(tx, ct);
        Committed();
        return new WriteResult(row);
    }

    private const string UpdateSql = """
        UPDATE articles SET slug = @Slug, slug_skeleton = @SlugSkeleton, headline = @Headline, subheadline = @Subheadline, excerpt = @Excerpt,
            custom_excerpt = @CustomExcerpt, body_html = @BodyHtml, body_text = @BodyText, dateline = @Dateline,
            section_id = @SectionId, source_id = @SourceId, language = @Language, image_url = @ImageUrl, image_alt = @ImageAlt,
            image_caption = @ImageCaption, image_credit = @ImageCredit, image_width = @ImageWidth, image_height = @ImageHeight,
            embargo_until = @EmbargoUntil, canonical_url = @CanonicalUrl, reading_time_minutes = @ReadingTimeMinutes,
            syndication_allowed = @SyndicationAllowed, version = version + 1, updated_at = @Now
        WHERE id = @Id AND version = @ExpectedVersion
        """;

    public async Task<WriteResult> UpdateAsync(long id, PreparedInput prepared, long expectedVersion, Actor actor, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var current = await LoadAsync(connection, tx, id, ct);
        if (current is null) return WriteResult.Fail(WriteError.NotFound, $"No article has id {id}.");
        if (current.Version != expectedVersion)
            return WriteResult.Fail(WriteError.VersionMismatch, $"The article is at version {current.Version}, not {expectedVersion}; fetch it again and reapply your change.");
        var values = await ResolveAsync(connection, tx, prepared, current, ct);
        if (values.Error is not null) return values.Error;
        if (current.Status is "published" or "scheduled" && !HasBody(values.Row!.BodyText, values.Row.BodyHtml))
            return new WriteResult(null, WriteError.Invalid, "A published or scheduled article needs a body.",
                Errors: new Dictionary<string, string[]> { ["body"] = [$"A {current.Status} article needs a body; unpublish it first to empty it."] });
        var keysBefore = await purges.ArticleKeysAsync(connection, tx, id, ct);
        var affected = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, values.Row! with
        {
            Id = id,
            ExpectedVersion = expectedVersion,
        }, tx, cancellationToken: ct));
        if (affected != 1) return WriteResult.Fail(WriteError.VersionMismatch, "The article changed while it was being saved.");
        if (current.Slug != values.Row!.Slug) await RetireSlugAsync(connection, tx, id, current.Slug, values.Row.Slug, ct);
        await ReplaceLinksAsync(connection, tx, id, values, ct);
        if (prepared.Origin is { } origin) await SaveOriginAsync(connection, tx, id, origin, ct);
        var row = await SaveRevisionAsync(connection, tx, id, actor, prepared.Search, keysBefore, ct);
        await contentClock.CommitAsync(tx, ct);
        Committed();
        return new WriteResult(row);
    }

    /// <summary>Words, or at least a picture (a photo story): what a public article must have.</summary>
    private static bool HasBody(string text, string html) =>
        text.Trim().Length > 0 || html.Contains("<img", StringComparison.OrdinalIgnoreCase);

    private const string TransitionSql = """
        UPDATE articles SET status = @status, published_at = @publishedAt, version = version + 1, updated_at = @now
        WHERE id = @id
        """;

    /// <summary>Moves an article through the workflow; <paramref name="publishedAt"/> stays as it was when null.
    /// <paramref name="text"/> is the search text of <paramref name="before"/>, the article as read before the
    /// transaction; in the rare case it changed meanwhile, the text is worked out again inside.</summary>
    public async Task<WriteResult> TransitionAsync(ArticleRow before, Search.IndexedText text, ArticleStatus status, DateTimeOffset? publishedAt,
        long? expectedVersion, Actor actor, string? onlyFromStatus, CancellationToken ct)
    {
        var id = before.Id;
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
        var keysBefore = await purges.ArticleKeysAsync(connection, tx, id, ct);
        await connection.ExecuteAsync(new CommandDefinition(TransitionSql, new
        {
            id,
            status = status.ToString().ToLowerInvariant(),
            publishedAt = publishedAt ?? current.PublishedAt,
            now = Now,
        }, tx, cancellationToken: ct));
        var row = await SaveRevisionAsync(connection, tx, id, actor, text, keysBefore, ct);
        await contentClock.CommitAsync(tx, ct);
        Committed();
        return new WriteResult(row);
    }

    private const string BumpVersionSql = "UPDATE articles SET version = version + 1, updated_at = @now WHERE id = @id AND version = @expectedVersion";
    private const string DeleteRelatedSql = "DELETE FROM article_related WHERE article_id = @id";
    private const string InsertRelatedSql = "INSERT INTO article_related (article_id, related_id, position) VALUES (@id, @relatedId, @position)";

    /// <summary>Replaces the curated related ids (in order); a new version and revision.</summary>
    public async Task<WriteResult> SetRelatedAsync(long id, IReadOnlyList<long> relatedIds, long expectedVersion, Actor actor, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var keysBefore = await purges.ArticleKeysAsync(connection, tx, id, ct);
        var bumped = await connection.ExecuteAsync(new CommandDefinition(BumpVersionSql, new { id, expectedVersion, now = Now }, tx, cancellationToken: ct));
        if (bumped != 1) return WriteResult.Fail(WriteError.VersionMismatch, "The article changed while its related stories were being saved.");
        await connection.ExecuteAsync(new CommandDefinition(DeleteRelatedSql, new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertRelatedSql,
            relatedIds.Select((relatedId, position) => new { id, relatedId, position }), tx, cancellationToken: ct));
        var row = await SaveRevisionAsync(connection, tx, id, actor, text: null, keysBefore, ct);
        await contentClock.CommitAsync(tx, ct);
        Committed();
        return new WriteResult(row);
    }

    private const string DeleteSql = "DELETE FROM articles WHERE id = @id AND version = @expectedVersion";

    public async Task<bool> DeleteAsync(long id, long expectedVersion, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var before = await LoadAsync(connection, tx, id, ct);
        if (before is null) return false;
        var keysBefore = await purges.ArticleKeysAsync(connection, tx, id, ct);
        await indexer.RemoveAsync(connection, tx, id, ct);
        // Before the delete takes its curated links: through them the feed finds the stories that list it.
        await changes.RecordGoneAsync(connection, tx, id, ct);
        var affected = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id, expectedVersion }, tx, cancellationToken: ct));
        if (affected != 1) return false;
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await purges.EnqueueAsync(connection, tx, Caching.PurgeKeys.ForArticle(keysBefore, []), ct);
        await webhooks.RecordDeletedAsync(connection, tx, EventSubject(before), ct);
        await contentClock.CommitAsync(tx, ct);
        Committed();
        return true;
    }

    private const string NextRevisionSql = "SELECT coalesce(max(number), 0) + 1 FROM article_revisions WHERE article_id = @id";

    private const string InsertRevisionSql = """
        INSERT INTO article_revisions (article_id, number, created_at, created_by, snapshot)
        VALUES (@id, @number, @now, @createdBy, @snapshot)
        """;

    /// <summary>Reads the article back as saved, stores it as the next revision, refreshes its search entry,
    /// records the change on the content clock, queues the cache purge and writes the partner change feed's entry and
    /// the webhook events (published, updated, unpublished: <see cref="Webhooks.WebhookRepository.RecordArticleAsync"/>).</summary>
    /// <param name="keysBefore">The article's cache keys before the change (<see cref="Caching.PurgeOutboxRepository.ArticleKeysAsync"/>).</param>
    private async Task<ArticleRow> SaveRevisionAsync(SqliteConnection connection, SqliteTransaction tx, long id, Actor actor, Search.IndexedText? text,
        IReadOnlyList<string> keysBefore, CancellationToken ct)
    {
        var row = (await LoadAsync(connection, tx, id, ct))!;
        var article = (await ToArticlesAsync(connection, tx, [row], BodyFormats.Html, publicOnly: false, ct))[0];
        var number = await connection.ExecuteScalarAsync<long>(new CommandDefinition(NextRevisionSql, new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertRevisionSql, new
        {
            id,
            number,
            now = Now,
            createdBy = actor.Name,
            snapshot = JsonSerializer.Serialize(article, json.Value.SerializerOptions),
        }, tx, cancellationToken: ct));
        await indexer.IndexAsync(connection, tx, row, text, ct);
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await purges.EnqueueArticleAsync(connection, tx, id, keysBefore, ct);
        await changes.RecordAsync(connection, tx, row, article, ct);
        await webhooks.RecordArticleAsync(connection, tx, EventSubject(row), ct);
        return row;
    }
}
