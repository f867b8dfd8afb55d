using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Data;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    // Current slugs first: the answer names the slug a reader would most likely be fooled into taking this one for.
    private const string LookAlikeSql = """
        SELECT slug, retired FROM (
            SELECT slug, 0 AS retired FROM articles WHERE slug_skeleton = @skeleton AND slug <> @slug AND (@id IS NULL OR id <> @id)
            UNION ALL
            SELECT slug, 1 FROM article_old_slugs WHERE slug_skeleton = @skeleton AND slug <> @slug AND (@id IS NULL OR article_id <> @id))
        ORDER BY retired, slug LIMIT 1
        """;

    /// <summary>Another article's slug (current or retired) that <paramref name="slug"/> could pass for: the same
    /// UTS #39 skeleton, a different slug. The article's own slugs never count, so it may keep or take back its own.
    /// The skeleton is worked out here, inside the write transaction, against rule 7a's letter but not its point: for a
    /// slug of at most 120 characters it costs microseconds, and the suffixed candidates are only known here.</summary>
    private static async Task<(string Slug, bool Retired)?> LookAlikeAsync(SqliteConnection connection, SqliteTransaction tx, string slug, long? id, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<(string Slug, long Retired)>(new CommandDefinition(
            LookAlikeSql, new { slug, skeleton = SlugSafety.Skeleton(slug), id }, tx, cancellationToken: ct));
        return rows.Select(r => ((string, bool)?)(r.Slug, r.Retired != 0)).FirstOrDefault();
    }

    private const string ArticleSlugsMissingSql = "SELECT slug FROM articles WHERE slug_skeleton IS NULL AND slug > @after ORDER BY slug LIMIT @limit";
    private const string ArticleSlugsAllSql = "SELECT slug FROM articles WHERE slug > @after ORDER BY slug LIMIT @limit";
    private const string SetArticleSkeletonSql = "UPDATE articles SET slug_skeleton = @skeleton WHERE slug = @slug AND slug_skeleton IS NOT @skeleton";
    private const string OldSlugsMissingSql = "SELECT slug FROM article_old_slugs WHERE slug_skeleton IS NULL AND slug > @after ORDER BY slug LIMIT @limit";
    private const string OldSlugsAllSql = "SELECT slug FROM article_old_slugs WHERE slug > @after ORDER BY slug LIMIT @limit";
    private const string SetOldSlugSkeletonSql = "UPDATE article_old_slugs SET slug_skeleton = @skeleton WHERE slug = @slug AND slug_skeleton IS NOT @skeleton";

    /// <summary>Start-up: the skeletons of article slugs, current and retired, that are missing or were worked out
    /// with another <see cref="Confusables.Version"/>. Returns how many rows it wrote.</summary>
    public Task<int> EnsureSlugSkeletonsAsync(CancellationToken ct) => SlugSkeletonBackfill.RunAsync(db, "article_slug_skeletons", [
        new(ArticleSlugsMissingSql, ArticleSlugsAllSql, SetArticleSkeletonSql),
        new(OldSlugsMissingSql, OldSlugsAllSql, SetOldSlugSkeletonSql),
    ], ct);
}
