using Dapper;
using Microsoft.Data.Sqlite;

namespace NewsApi.Articles;

/// <summary>Where an article came from when it was imported (a WordPress post), written in the same transaction as the
/// article, so an import that stops half-way never imports the same post twice; and its old WordPress addresses. The
/// item's hash is not part of it: <see cref="ArticleRepository.MarkImportedAsync"/> records that once the import has
/// also moved the article to the post's status, so a post whose publication a stop cut off is not "unchanged".</summary>
/// <param name="LegacyPaths">Keys made by <see cref="Imports.LegacyPath.Key"/>.</param>
public sealed record ArticleOrigin(string Site, long PostId, IReadOnlyList<string> LegacyPaths);

/// <summary>An imported article's origin row.</summary>
public sealed record ImportedArticle(long ArticleId, long ImportedVersion, string ItemHash);

public sealed partial class ArticleRepository
{
    // item_hash '' until MarkImportedAsync: written but not settled, which matches no item, so running the import
    // again finishes the post (a SIGKILL between the article's write and its publication left it a draft).
    private const string UpsertOriginSql = """
        INSERT INTO article_origins (article_id, site, post_id, imported_version, item_hash, imported_at)
        SELECT id, @Site, @PostId, version, '', @now FROM articles WHERE id = @id
        ON CONFLICT (article_id) DO UPDATE SET imported_version = excluded.imported_version, item_hash = excluded.item_hash,
            imported_at = excluded.imported_at
        """;

    // A path another article held goes to this one: the newest import of an address wins.
    private const string UpsertLegacyUrlSql = """
        INSERT INTO article_legacy_urls (path, article_id) VALUES (@path, @id)
        ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id
        """;

    /// <summary>Inside an article write's transaction (after the row is written).</summary>
    private async Task SaveOriginAsync(SqliteConnection connection, SqliteTransaction tx, long id, ArticleOrigin origin, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(UpsertOriginSql, new { id, origin.Site, origin.PostId, now = Now }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpsertLegacyUrlSql,
            origin.LegacyPaths.Distinct(StringComparer.Ordinal).Select(path => new { path, id }), tx, cancellationToken: ct));
    }

    private const string OriginSql = "SELECT article_id, imported_version, item_hash FROM article_origins WHERE site = @site AND post_id = @postId";

    public async Task<ImportedArticle?> FindOriginAsync(string site, long postId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ImportedArticle>(new CommandDefinition(OriginSql, new { site, postId }, cancellationToken: ct));
    }

    private const string MarkImportedSql = """
        UPDATE article_origins SET imported_version = @version, item_hash = @itemHash, imported_at = @now WHERE article_id = @id
        """;

    /// <summary>After the import's last write of an article (its publication): the version it left the article at, and
    /// the hash of the item it imported, which a later import of an unchanged item skips on.</summary>
    public async Task MarkImportedAsync(long id, long version, string itemHash, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await connection.ExecuteAsync(new CommandDefinition(MarkImportedSql, new { id, version, itemHash, now = Now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    // The scheduler publishing a post the import scheduled, and the import's own writes, are not edits.
    private const string EditedSinceSql = """
        SELECT EXISTS (SELECT 1 FROM article_revisions WHERE article_id = @id AND number > @version AND created_by NOT IN ('scheduler', @importer))
        """;

    /// <summary>Whether anyone but the importer and the scheduler saved the article after <paramref name="version"/>
    /// (revision numbers are versions: each write saves one).</summary>
    public async Task<bool> EditedSinceAsync(long id, long version, string importer, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(EditedSinceSql, new { id, version, importer }, cancellationToken: ct));
    }

    private const string LegacyUrlSql = """
        SELECT a.id, a.slug, s.slug FROM article_legacy_urls l JOIN articles a ON a.id = l.article_id JOIN sections s ON s.id = a.section_id
        WHERE l.path = @path AND
        """ + ArticleFilter.PublicPredicate;

    /// <summary>The public article an old WordPress address (a <see cref="Imports.LegacyPath.Key"/>) belongs to.</summary>
    public async Task<(long Id, string Slug, string SectionSlug)?> FindByLegacyPathAsync(string path, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long, string, string)>(new CommandDefinition(LegacyUrlSql, new { path, now = Now }, cancellationToken: ct));
        return rows.Select(r => ((long, string, string)?)r).FirstOrDefault();
    }
}
