using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Taxonomy;

/// <summary>Sections, tags, authors and sources: every SQL statement on the four taxonomy tables. Reads are
/// keyset-paged by slug. Article counts only count what the public may see, and a tag shows only once a public
/// article carries it: tags typed on drafts would otherwise tell what unpublished stories are about.
/// Writes (TaxonomyRepository.Writes.cs) each run in one BEGIN IMMEDIATE transaction that only looks up and writes.</summary>
public sealed partial class TaxonomyRepository(Db db, TimeProvider clock, ContentClockRepository contentClock, Caching.PurgeOutboxRepository purges)
{
    private const string SectionsSql = """
        WITH RECURSIVE tree(root, id) AS (
            SELECT id, id FROM sections
            UNION SELECT tree.root, c.id FROM sections c JOIN tree ON c.parent_id = tree.id)
        SELECT s.id, s.slug, s.name, s.description, p.slug AS parent, s.version,
               (SELECT count(*) FROM tree t JOIN articles a ON a.section_id = t.id
                 WHERE t.root = s.id AND
        """ + ArticleFilter.PublicPredicate + """
        ) AS article_count
        FROM sections s LEFT JOIN sections p ON p.id = s.parent_id
        WHERE (@slug IS NULL OR s.slug = @slug) AND (@after IS NULL OR s.slug > @after)
        ORDER BY s.slug LIMIT @limit
        """;

    public Task<List<TaxonomyRow>> SectionsAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(SectionsSql, slug, after, limit, null, ct);

    private const string TagsSql = """
        SELECT t.id, t.slug, t.name, t.description, t.version,
               (SELECT count(*) FROM article_tags at JOIN articles a ON a.id = at.article_id
                 WHERE at.tag_id = t.id AND
        """ + ArticleFilter.PublicPredicate + """
        ) AS article_count
        FROM tags t
        WHERE (@slug IS NULL OR t.slug = @slug) AND (@after IS NULL OR t.slug > @after)
          AND (@all OR EXISTS (SELECT 1 FROM article_tags at JOIN articles a ON a.id = at.article_id WHERE at.tag_id = t.id AND
        """ + ArticleFilter.PublicPredicate + """
        ))
          AND (@prefix IS NULL OR t.slug LIKE @prefix ESCAPE '\' OR lower(t.name) LIKE @prefix ESCAPE '\')
        ORDER BY t.slug LIMIT @limit
        """;

    /// <param name="all">Also tags no public article carries yet (the editorial API's view).</param>
    public Task<List<TaxonomyRow>> TagsAsync(string? slug, string? after, int limit, string? prefix, CancellationToken ct, bool all = false) =>
        QueryAsync(TagsSql, slug, after, limit, prefix is null ? null : EscapeLike(prefix) + "%", ct, all);

    private const string AuthorsSql = """
        SELECT id, slug, name, description, version FROM authors
        WHERE (@slug IS NULL OR slug = @slug) AND (@after IS NULL OR slug > @after)
        ORDER BY slug LIMIT @limit
        """;

    public Task<List<TaxonomyRow>> AuthorsAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(AuthorsSql, slug, after, limit, null, ct);

    private const string SourcesSql = """
        SELECT id, slug, name, description, url, version FROM sources
        WHERE (@slug IS NULL OR slug = @slug) AND (@after IS NULL OR slug > @after)
        ORDER BY slug LIMIT @limit
        """;

    public Task<List<TaxonomyRow>> SourcesAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(SourcesSql, slug, after, limit, null, ct);

    private const string SectionSlugsMissingSql = "SELECT slug FROM sections WHERE slug_skeleton IS NULL AND slug > @after ORDER BY slug LIMIT @limit";
    private const string SectionSlugsAllSql = "SELECT slug FROM sections WHERE slug > @after ORDER BY slug LIMIT @limit";
    private const string SetSectionSkeletonSql = "UPDATE sections SET slug_skeleton = @skeleton WHERE slug = @slug AND slug_skeleton IS NOT @skeleton";
    private const string TagSlugsMissingSql = "SELECT slug FROM tags WHERE slug_skeleton IS NULL AND slug > @after ORDER BY slug LIMIT @limit";
    private const string TagSlugsAllSql = "SELECT slug FROM tags WHERE slug > @after ORDER BY slug LIMIT @limit";
    private const string SetTagSkeletonSql = "UPDATE tags SET slug_skeleton = @skeleton WHERE slug = @slug AND slug_skeleton IS NOT @skeleton";

    /// <summary>Start-up: the skeletons of section and tag slugs that are missing (rows from before migration 0009, a
    /// bulk load) or were worked out with another <see cref="Text.Confusables.Version"/>. Authors and sources have
    /// none yet: a short list only editors and imports add to, which no author key can extend (tags it can, from an article).</summary>
    public Task<int> EnsureSlugSkeletonsAsync(CancellationToken ct) => SlugSkeletonBackfill.RunAsync(db, "taxonomy_slug_skeletons", [
        new(SectionSlugsMissingSql, SectionSlugsAllSql, SetSectionSkeletonSql),
        new(TagSlugsMissingSql, TagSlugsAllSql, SetTagSkeletonSql),
    ], ct);

    private async Task<List<TaxonomyRow>> QueryAsync(string sql, string? slug, string? after, int limit, string? prefix, CancellationToken ct, bool all = false)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { slug, after, limit, prefix, all, now = clock.GetUtcNow() };
        return (await connection.QueryAsync<TaxonomyRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    // ---- the mechanics every write shares

    /// <summary>Runs <paramref name="work"/> in one write transaction (BEGIN IMMEDIATE) and, when it is done,
    /// moves the content clock and queues the purge of <paramref name="keys"/> (<see cref="Caching.PurgeKeys"/>) in the
    /// same transaction and commits; any other outcome rolls back.</summary>
    private async Task<TaxonomyWrite> WriteAsync(IReadOnlyList<string> keys, Func<SqliteConnection, SqliteTransaction, Task<TaxonomyWrite>> work, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var result = await work(connection, tx);
        if (result.Outcome != TaxonomyOutcome.Done) return result;
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await purges.EnqueueAsync(connection, tx, keys, ct);
        await contentClock.CommitAsync(tx, ct);
        purges.Committed();
        return result;
    }

    private static async Task<(long Id, long Version)?> CurrentAsync(SqliteConnection connection, SqliteTransaction tx, string sql, string slug, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(long Id, long Version)>(new CommandDefinition(sql, new { slug }, tx, cancellationToken: ct));
        return rows.Select(r => ((long, long)?)r).FirstOrDefault();
    }

    /// <summary>An INSERT or UPDATE of one row that may hit the unique slug constraint.</summary>
    private static async Task<TaxonomyWrite> WriteOneAsync(SqliteConnection connection, SqliteTransaction tx, string sql, object args, long newVersion, CancellationToken ct)
    {
        try
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(sql, args, tx, cancellationToken: ct));
            return rows == 1 ? TaxonomyWrite.Done(newVersion) : throw new InvalidOperationException($"Expected one row written, not {rows}.");
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return new(TaxonomyOutcome.SlugTaken);
        }
    }

    /// <summary>A slug of the same kind that <paramref name="slug"/> could pass for (the same UTS #39 skeleton, another
    /// slug), as the refusal; null when there is none. <paramref name="id"/>: the item being renamed, never its own look-alike.</summary>
    private static async Task<TaxonomyWrite?> LookAlikeAsync(SqliteConnection connection, SqliteTransaction tx, string sql, string slug, long? id, CancellationToken ct)
    {
        var other = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(sql, new { slug, skeleton = Text.SlugSafety.Skeleton(slug), id }, tx, cancellationToken: ct));
        return other is null ? null : new TaxonomyWrite(TaxonomyOutcome.LookAlike, LookAlike: other);
    }

    /// <param name="kind">The list's name (<c>tags</c>, …), for the cache keys.</param>
    /// <param name="lookAlikeSql">Finds a look-alike of a new slug (<see cref="LookAlikeAsync"/>); null for kinds whose slugs have no skeletons.</param>
    private async Task<TaxonomyWrite> UpdateAsync(string kind, string currentSql, string updateSql, string slug, TaxonomyChange change, Func<long, bool> accepts,
        CancellationToken ct, string? lookAlikeSql = null) =>
        await WriteAsync(Caching.PurgeKeys.ForChangedTerm(kind, slug, change.Slug), async (connection, tx) =>
        {
            if (await CurrentAsync(connection, tx, currentSql, slug, ct) is not { } current) return new(TaxonomyOutcome.NotFound);
            if (!accepts(current.Version)) return new(TaxonomyOutcome.VersionMismatch, current.Version);
            // A slug kept as it is stays, even beside a look-alike stored before skeletons were compared.
            if (lookAlikeSql is not null && change.Slug != slug && await LookAlikeAsync(connection, tx, lookAlikeSql, change.Slug, current.Id, ct) is { } lookAlike)
                return lookAlike;
            return await TermChangedAsync(connection, tx, kind, current.Id,
                await WriteOneAsync(connection, tx, updateSql, Args(change, current), current.Version + 1, ct), ct);
        }, ct);

    /// <summary>Partner documents name sections, tags, authors and sources: a changed one is sent again.</summary>
    private static async Task<TaxonomyWrite> TermChangedAsync(SqliteConnection connection, SqliteTransaction tx, string kind, long id, TaxonomyWrite written, CancellationToken ct)
    {
        if (written.Outcome == TaxonomyOutcome.Done) await Syndication.ChangeLogRepository.MarkTermChangedAsync(connection, tx, kind, id, ct);
        return written;
    }

    /// <param name="usesSql">Counts what still refers to the row (@id); a row in use is not deleted.</param>
    private async Task<TaxonomyWrite> DeleteAsync(string kind, string currentSql, string usesSql, string deleteSql, string slug, Func<long, bool> accepts, CancellationToken ct) =>
        await WriteAsync(Caching.PurgeKeys.ForDeletedTerm(kind, slug), async (connection, tx) =>
        {
            if (await CurrentAsync(connection, tx, currentSql, slug, ct) is not { } current) return new(TaxonomyOutcome.NotFound);
            if (!accepts(current.Version)) return new(TaxonomyOutcome.VersionMismatch, current.Version);
            var uses = await connection.ExecuteScalarAsync<long>(new CommandDefinition(usesSql, new { id = current.Id }, tx, cancellationToken: ct));
            if (uses > 0) return new(TaxonomyOutcome.InUse, current.Version, uses);
            var rows = await connection.ExecuteAsync(new CommandDefinition(deleteSql, new { id = current.Id, version = current.Version }, tx, cancellationToken: ct));
            return rows == 1 ? TaxonomyWrite.Done(current.Version) : new(TaxonomyOutcome.NotFound);
        }, ct);

    private object Args(TaxonomyChange change, (long Id, long Version)? current = null, long? parentId = null) => new
    {
        id = current?.Id, version = current?.Version, slug = change.Slug, skeleton = Text.SlugSafety.Skeleton(change.Slug), name = change.Name, description = change.Description,
        url = change.Url, parentId, now = clock.GetUtcNow(),
    };
}

public enum TaxonomyOutcome { Done, NotFound, VersionMismatch, SlugTaken, LookAlike, InUse, UnknownParent, UnderItself }

/// <param name="Version">Done: the item's version now. VersionMismatch: the version the item is at.</param>
/// <param name="Uses">InUse: how many articles (or sub-sections) still refer to it.</param>
/// <param name="LookAlike">LookAlike: the stored slug the new one could pass for.</param>
public readonly record struct TaxonomyWrite(TaxonomyOutcome Outcome, long Version = 0, long Uses = 0, string? LookAlike = null)
{
    public static TaxonomyWrite Done(long version) => new(TaxonomyOutcome.Done, version);
}
