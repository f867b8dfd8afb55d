using Dapper;

namespace NewsApi.Taxonomy;

/// <summary>Writes, with each kind's SQL spelled out. Slugs passed in are already normalised (Text.Slug.Key),
/// and <c>accepts</c> says whether the If-Match the client sent names the version the transaction found.</summary>
public sealed partial class TaxonomyRepository
{
    // ---- sections

    private const string CurrentSectionSql = "SELECT id, version FROM sections WHERE slug = @slug";

    private const string InsertSectionSql = """
        INSERT INTO sections (slug, slug_skeleton, name, description, parent_id, created_at, updated_at)
        VALUES (@slug, @skeleton, @name, @description, @parentId, @now, @now)
        """;

    private const string SectionLookAlikeSql = """
        SELECT slug FROM sections WHERE slug_skeleton = @skeleton AND slug <> @slug AND (@id IS NULL OR id <> @id) ORDER BY slug LIMIT 1
        """;

    /// <param name="parent">Slug of the parent section; it must exist.</param>
    public Task<TaxonomyWrite> CreateSectionAsync(TaxonomyChange change, string? parent, CancellationToken ct) =>
        WriteAsync(Caching.PurgeKeys.ForNewTerm("sections", change.Slug), async (connection, tx) =>
        {
            long? parentId = null;
            if (parent is not null && (parentId = (await CurrentAsync(connection, tx, CurrentSectionSql, parent, ct))?.Id) is null)
                return new(TaxonomyOutcome.UnknownParent);
            return await LookAlikeAsync(connection, tx, SectionLookAlikeSql, change.Slug, null, ct)
                ?? await WriteOneAsync(connection, tx, InsertSectionSql, Args(change, parentId: parentId), 1, ct);
        }, ct);

    private const string DescendantsSql = """
        WITH RECURSIVE tree(id) AS (SELECT @id UNION SELECT c.id FROM sections c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree
        """;

    private const string UpdateSectionSql = """
        UPDATE sections SET slug = @slug, slug_skeleton = @skeleton, name = @name, description = @description, parent_id = @parentId, updated_at = @now, version = version + 1
        WHERE id = @id AND version = @version
        """;

    /// <summary>Renames and moves a section; the parent and cycle checks hold until the move is saved.</summary>
    public Task<TaxonomyWrite> UpdateSectionAsync(string slug, TaxonomyChange change, string? parent, Func<long, bool> accepts, CancellationToken ct) =>
        WriteAsync(Caching.PurgeKeys.ForChangedTerm("sections", slug, change.Slug), async (connection, tx) =>
        {
            if (await CurrentAsync(connection, tx, CurrentSectionSql, slug, ct) is not { } current) return new(TaxonomyOutcome.NotFound);
            if (!accepts(current.Version)) return new(TaxonomyOutcome.VersionMismatch, current.Version);
            long? parentId = null;
            if (parent is not null)
            {
                parentId = (await CurrentAsync(connection, tx, CurrentSectionSql, parent, ct))?.Id;
                if (parentId is null) return new(TaxonomyOutcome.UnknownParent);
                var subtree = await connection.QueryAsync<long>(new CommandDefinition(DescendantsSql, new { id = current.Id }, tx, cancellationToken: ct));
                if (subtree.Contains(parentId.Value)) return new(TaxonomyOutcome.UnderItself);
            }
            if (change.Slug != slug && await LookAlikeAsync(connection, tx, SectionLookAlikeSql, change.Slug, current.Id, ct) is { } lookAlike) return lookAlike;
            return await TermChangedAsync(connection, tx, "sections", current.Id,
                await WriteOneAsync(connection, tx, UpdateSectionSql, Args(change, current, parentId), current.Version + 1, ct), ct);
        }, ct);

    private const string SectionUsesSql = "SELECT (SELECT count(*) FROM articles WHERE section_id = @id) + (SELECT count(*) FROM sections WHERE parent_id = @id)";
    private const string DeleteSectionSql = "DELETE FROM sections WHERE id = @id AND version = @version";

    /// <summary>Deletes a section without articles or sub-sections.</summary>
    public Task<TaxonomyWrite> DeleteSectionAsync(string slug, Func<long, bool> accepts, CancellationToken ct) =>
        DeleteAsync("sections", CurrentSectionSql, SectionUsesSql, DeleteSectionSql, slug, accepts, ct);

    // ---- tags

    private const string CurrentTagSql = "SELECT id, version FROM tags WHERE slug = @slug";
    private const string InsertTagSql = """
        INSERT INTO tags (slug, slug_skeleton, name, description, created_at, updated_at) VALUES (@slug, @skeleton, @name, @description, @now, @now)
        """;
    private const string TagLookAlikeSql = """
        SELECT slug FROM tags WHERE slug_skeleton = @skeleton AND slug <> @slug AND (@id IS NULL OR id <> @id) ORDER BY slug LIMIT 1
        """;
    private const string UpdateTagSql = """
        UPDATE tags SET slug = @slug, slug_skeleton = @skeleton, name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version
        """;
    private const string TagUsesSql = "SELECT count(*) FROM article_tags WHERE tag_id = @id";
    private const string DeleteTagSql = "DELETE FROM tags WHERE id = @id AND version = @version";

    public Task<TaxonomyWrite> CreateTagAsync(TaxonomyChange change, CancellationToken ct) =>
        WriteAsync(Caching.PurgeKeys.ForNewTerm("tags", change.Slug), async (connection, tx) =>
            await LookAlikeAsync(connection, tx, TagLookAlikeSql, change.Slug, null, ct) ?? await WriteOneAsync(connection, tx, InsertTagSql, Args(change), 1, ct), ct);

    public Task<TaxonomyWrite> UpdateTagAsync(string slug, TaxonomyChange change, Func<long, bool> accepts, CancellationToken ct) =>
        UpdateAsync("tags", CurrentTagSql, UpdateTagSql, slug, change, accepts, ct, TagLookAlikeSql);

    /// <summary>Deletes a tag no article (draft or not) carries.</summary>
    public Task<TaxonomyWrite> DeleteTagAsync(string slug, Func<long, bool> accepts, CancellationToken ct) =>
        DeleteAsync("tags", CurrentTagSql, TagUsesSql, DeleteTagSql, slug, accepts, ct);

    // ---- authors

    private const string CurrentAuthorSql = "SELECT id, version FROM authors WHERE slug = @slug";
    private const string InsertAuthorSql = "INSERT INTO authors (slug, name, description, created_at, updated_at) VALUES (@slug, @name, @description, @now, @now)";
    private const string UpdateAuthorSql = """
        UPDATE authors SET slug = @slug, name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version
        """;
    private const string AuthorUsesSql = "SELECT count(*) FROM article_authors WHERE author_id = @id";
    private const string DeleteAuthorSql = "DELETE FROM authors WHERE id = @id AND version = @version";

    public Task<TaxonomyWrite> CreateAuthorAsync(TaxonomyChange change, CancellationToken ct) =>
        WriteAsync(Caching.PurgeKeys.ForNewTerm("authors", change.Slug), (connection, tx) => WriteOneAsync(connection, tx, InsertAuthorSql, Args(change), 1, ct), ct);

    public Task<TaxonomyWrite> UpdateAuthorAsync(string slug, TaxonomyChange change, Func<long, bool> accepts, CancellationToken ct) =>
        UpdateAsync("authors", CurrentAuthorSql, UpdateAuthorSql, slug, change, accepts, ct);

    /// <summary>Deletes an author no article credits (a key naming them survives).</summary>
    public Task<TaxonomyWrite> DeleteAuthorAsync(string slug, Func<long, bool> accepts, CancellationToken ct) =>
        DeleteAsync("authors", CurrentAuthorSql, AuthorUsesSql, DeleteAuthorSql, slug, accepts, ct);

    // ---- sources

    private const string CurrentSourceSql = "SELECT id, version FROM sources WHERE slug = @slug";
    private const string InsertSourceSql = "INSERT INTO sources (slug, name, description, url, created_at, updated_at) VALUES (@slug, @name, @description, @url, @now, @now)";
    private const string UpdateSourceSql = """
        UPDATE sources SET slug = @slug, name = @name, description = @description, url = @url, updated_at = @now, version = version + 1
        WHERE id = @id AND version = @version
        """;
    private const string SourceUsesSql = "SELECT count(*) FROM articles WHERE source_id = @id";
    private const string DeleteSourceSql = "DELETE FROM sources WHERE id = @id AND version = @version";

    public Task<TaxonomyWrite> CreateSourceAsync(TaxonomyChange change, CancellationToken ct) =>
        WriteAsync(Caching.PurgeKeys.ForNewTerm("sources", change.Slug), (connection, tx) => WriteOneAsync(connection, tx, InsertSourceSql, Args(change), 1, ct), ct);

    public Task<TaxonomyWrite> UpdateSourceAsync(string slug, TaxonomyChange change, Func<long, bool> accepts, CancellationToken ct) =>
        UpdateAsync("sources", CurrentSourceSql, UpdateSourceSql, slug, change, accepts, ct);

    /// <summary>Deletes a source no article credits.</summary>
    public Task<TaxonomyWrite> DeleteSourceAsync(string slug, Func<long, bool> accepts, CancellationToken ct) =>
        DeleteAsync("sources", CurrentSourceSql, SourceUsesSql, DeleteSourceSql, slug, accepts, ct);
}
