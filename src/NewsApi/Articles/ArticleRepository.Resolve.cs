using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Editorial;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    private const string SlugTakenSql = """
        SELECT EXISTS (SELECT 1 FROM articles WHERE slug = @slug AND (@id IS NULL OR id <> @id))
            OR EXISTS (SELECT 1 FROM article_old_slugs WHERE slug = @slug AND (@id IS NULL OR article_id <> @id))
        """;

    /// <summary>Inside the write transaction: only indexed lookups of what the input names (so they hold
    /// until the write commits), tags created, a free slug found.</summary>
    private async Task<ResolvedInput> ResolveAsync(SqliteConnection connection, SqliteTransaction tx, PreparedInput input, ArticleRow? current, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var now = Now;

        var (sectionId, sourceId, authorIds) = await LookUpAsync(connection, tx, input.References, errors, ct);
        if (errors.Count > 0)
            return new ResolvedInput(null, [], [], new WriteResult(null, WriteError.Invalid, "Some referenced resources do not exist.", Errors: errors));

        var tagIds = new List<long>();
        for (var i = 0; i < input.Tags.Count; i++)
        {
            var (tagId, lookAlike) = await EnsureTagAsync(connection, tx, input.Tags[i], now, ct);
            if (lookAlike is not null)
                errors["tags"] = [$"The tag '{input.Tags[i]}' would get the slug '{Slug.From(input.Tags[i])}', which could pass for the tag '{lookAlike}': use that tag, or another name."];
            else if (!tagIds.Contains(tagId)) tagIds.Add(tagId);
        }
        if (errors.Count > 0)
            return new ResolvedInput(null, [], [], new WriteResult(null, WriteError.Invalid, "A tag could pass for another.", Errors: errors));

        var slug = input.ExplicitSlug;
        if (slug is null)
        {
            // A derived slug never fails the write: like a taken one, a look-alike gets the first free numeric suffix.
            slug = current?.Slug ?? await FreeSlugAsync(connection, tx, input.DerivedSlug, null, ct);
        }
        else if (await SlugTakenAsync(connection, tx, slug, current?.Id, ct))
        {
            var suggestion = await FreeSlugAsync(connection, tx, slug, current?.Id, ct);
            return new ResolvedInput(null, [], [], WriteResult.Fail(WriteError.SlugTaken,
                $"The slug '{slug}' belongs to another article.", suggestion));
        }
        // An article keeps its own slug even if another's looks like it (both were stored before skeletons were compared).
        else if (slug != current?.Slug && await LookAlikeAsync(connection, tx, slug, current?.Id, ct) is { } other)
        {
            var suggestion = await FreeSlugAsync(connection, tx, slug, current?.Id, ct);
            var whose = other.Retired ? "a former slug of another article" : "the slug of another article";
            return new ResolvedInput(null, [], [], WriteResult.Fail(WriteError.SlugTaken,
                $"The slug '{slug}' could pass for '{other.Slug}', {whose} (the same Unicode confusable skeleton, UTS #39).", suggestion));
        }

        var row = input.Row with { Slug = slug, SlugSkeleton = SlugSafety.Skeleton(slug), SectionId = sectionId!.Value, SourceId = sourceId, Now = now };
        return new ResolvedInput(row, tagIds, authorIds, null);
    }

    private const string SectionIdSql = "SELECT id FROM sections WHERE slug = @slug";
    private const string SourceIdSql = "SELECT id FROM sources WHERE slug = @slug";
    private const string AuthorIdSql = "SELECT id FROM authors WHERE slug = @slug";

    /// <summary>The ids of what an article names; each unknown one is an entry in <paramref name="errors"/>
    /// (every failing field at once; of the authors, the first unknown one, by its place in the input).</summary>
    private static async Task<(long? SectionId, long? SourceId, List<long> AuthorIds)> LookUpAsync(
        SqliteConnection connection, SqliteTransaction? tx, ArticleReferences references, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        long? sectionId = null;
        if (references.Section is { } section)
        {
            sectionId = await IdBySlugAsync(connection, tx, SectionIdSql, Slug.Key(section), ct);
            if (sectionId is null) errors["section"] = [$"No section has the slug '{section}'."];
        }

        long? sourceId = null;
        if (references.Source is { } source)
        {
            sourceId = await IdBySlugAsync(connection, tx, SourceIdSql, Slug.Key(source), ct);
            if (sourceId is null) errors["source"] = [$"No source has the slug '{source}'."];
        }

        var authorIds = new List<long>();
        var known = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var (index, authorSlug) in references.Authors)
        {
            var key = Slug.Key(authorSlug);
            if (!known.TryGetValue(key, out var authorId))
                known[key] = authorId = await IdBySlugAsync(connection, tx, AuthorIdSql, key, ct);
            if (authorId is null)
            {
                // The first unknown author only, as the validator's rule for authors has always answered.
                errors[$"authors[{index}]"] = [$"No author has the slug '{authorSlug}'."];
                break;
            }
            if (!authorIds.Contains(authorId.Value)) authorIds.Add(authorId.Value);
        }
        return (sectionId, sourceId, authorIds);
    }

    /// <summary>For a request already refused for other reasons: which of the section, source and authors it
    /// names do not exist, so the one answer names every failing field. A request that passes validation has
    /// them checked once, inside its write transaction (<see cref="ResolveAsync"/>).</summary>
    public async Task<Dictionary<string, string[]>> UnknownReferencesAsync(ArticleInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        await using var connection = await db.OpenAsync(ct);
        await LookUpAsync(connection, null, ArticleReferences.From(input, skipBlank: true), errors, ct);
        return errors;
    }

    private static Task<long?> IdBySlugAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, string slug, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(sql, new { slug }, tx, cancellationToken: ct));

    private const string FindTagSql = "SELECT id FROM tags WHERE slug = @slug OR name = @name ORDER BY slug = @slug DESC LIMIT 1";

    private const string InsertTagSql = """
        INSERT INTO tags (slug, slug_skeleton, name, created_at, updated_at) VALUES (@slug, @skeleton, @name, @now, @now) RETURNING id
        """;

    private const string TagLookAlikeSql = "SELECT slug FROM tags WHERE slug_skeleton = @skeleton AND slug <> @slug ORDER BY slug LIMIT 1";

    /// <summary>A tag named by slug or name; an unknown one is created with a slug derived from the name, unless that
    /// slug could pass for another tag's (the same skeleton, as the taxonomy API refuses): then the other tag's slug.</summary>
    private static async Task<(long Id, string? LookAlike)> EnsureTagAsync(SqliteConnection connection, SqliteTransaction tx, string tag, DateTimeOffset now, CancellationToken ct)
    {
        var slug = Slug.From(tag);
        var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindTagSql, new { slug = tag.ToLowerInvariant(), name = tag }, tx, cancellationToken: ct))
            ?? await connection.ExecuteScalarAsync<long?>(new CommandDefinition(FindTagSql, new { slug, name = tag }, tx, cancellationToken: ct));
        if (existing is { } id) return (id, null);
        var skeleton = SlugSafety.Skeleton(slug);
        if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TagLookAlikeSql, new { slug, skeleton }, tx, cancellationToken: ct)) is { } other)
            return (0, other);
        return (await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertTagSql, new { slug, skeleton, name = tag, now }, tx, cancellationToken: ct)), null);
    }

    private static async Task<bool> SlugTakenAsync(SqliteConnection connection, SqliteTransaction tx, string slug, long? id, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SlugTakenSql, new { slug, id }, tx, cancellationToken: ct));

    private const string TakenWithPrefixSql = """
        SELECT slug FROM articles WHERE slug >= @prefix AND slug < @prefix || char(1114111) AND (@id IS NULL OR id <> @id)
        UNION SELECT slug FROM article_old_slugs WHERE slug >= @prefix AND slug < @prefix || char(1114111) AND (@id IS NULL OR article_id <> @id)
        """;

    /// <summary>The wanted slug, or the first free one with a numeric suffix; free means neither taken nor a look-alike
    /// of another article's (<see cref="LookAlikeAsync"/>). The slugs it could collide with are read in one indexed
    /// range query, so the hundredth "ब्रेकिंग न्यूज़" draft costs no more lock time than the first (and one indexed
    /// look-alike lookup for the candidate that is not taken).</summary>
    private static async Task<string> FreeSlugAsync(SqliteConnection connection, SqliteTransaction tx, string wanted, long? id, CancellationToken ct)
    {
        if (!await SlugTakenAsync(connection, tx, wanted, id, ct) && await LookAlikeAsync(connection, tx, wanted, id, ct) is null) return wanted;
        // A suffix may shorten a slug at the length limit; the prefix covers suffixes up to seven characters.
        var prefix = wanted[..Math.Min(wanted.Length, Slug.MaxLength - 8)].TrimEnd('-');
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(TakenWithPrefixSql, new { prefix, id }, tx, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
        for (var n = 2; ; n++)
        {
            var candidate = Slug.WithSuffix(wanted, n);
            if (!taken.Contains(candidate) && await LookAlikeAsync(connection, tx, candidate, id, ct) is null) return candidate;
        }
    }

    private const string UnretireSlugSql = "DELETE FROM article_old_slugs WHERE slug = @newSlug AND article_id = @id";
    private const string RetireSlugSql = """
        INSERT OR REPLACE INTO article_old_slugs (slug, slug_skeleton, article_id, retired_at) VALUES (@oldSlug, @skeleton, @id, @now)
        """;

    private async Task RetireSlugAsync(SqliteConnection connection, SqliteTransaction tx, long id, string oldSlug, string newSlug, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(UnretireSlugSql, new { id, newSlug }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(RetireSlugSql, new { id, oldSlug, skeleton = SlugSafety.Skeleton(oldSlug), now = Now }, tx, cancellationToken: ct));
    }

    private const string DeleteLinksSql = "DELETE FROM article_tags WHERE article_id = @id; DELETE FROM article_authors WHERE article_id = @id;";
    private const string InsertTagLinkSql = "INSERT INTO article_tags (article_id, tag_id, position) VALUES (@id, @tagId, @position)";
    private const string InsertAuthorLinkSql = "INSERT INTO article_authors (article_id, author_id, position) VALUES (@id, @authorId, @position)";

    private static async Task ReplaceLinksAsync(SqliteConnection connection, SqliteTransaction tx, long id, ResolvedInput values, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(DeleteLinksSql, new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertTagLinkSql,
            values.TagIds.Select((tagId, position) => new { id, tagId, position }), tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(InsertAuthorLinkSql,
            values.AuthorIds.Select((authorId, position) => new { id, authorId, position }), tx, cancellationToken: ct));
    }
}
