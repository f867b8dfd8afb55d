using Dapper;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Taxonomy;

/// <summary>Public reads of sections, tags, authors and sources, keyset-paged by slug.
/// Article counts only count what the public may see, and a tag shows only once a public article
/// carries it: tags typed on drafts would otherwise tell what unpublished stories are about.</summary>
public sealed class TaxonomyReader(Db db, TimeProvider clock)
{
    private const string SectionsSql = """
        WITH RECURSIVE tree(root, id) AS (
            SELECT id, id FROM sections
            UNION SELECT tree.root, c.id FROM sections c JOIN tree ON c.parent_id = tree.id)
        SELECT s.id, s.slug, s.name, s.description, p.slug AS parent,
               (SELECT count(*) FROM tree t JOIN articles a ON a.section_id = t.id
                 WHERE t.root = s.id AND
        """ + ArticleFilter.PublicPredicate + """
        ) AS article_count
        FROM sections s LEFT JOIN sections p ON p.id = s.parent_id
        WHERE (@slug IS NULL OR s.slug = @slug) AND (@after IS NULL OR s.slug > @after)
        ORDER BY s.slug LIMIT @limit
        """;

    private const string TagsSql = """
        SELECT t.id, t.slug, t.name, t.description,
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

    private const string AuthorsSql = """
        SELECT id, slug, name, description FROM authors
        WHERE (@slug IS NULL OR slug = @slug) AND (@after IS NULL OR slug > @after)
        ORDER BY slug LIMIT @limit
        """;

    private const string SourcesSql = """
        SELECT id, slug, name, description, url FROM sources
        WHERE (@slug IS NULL OR slug = @slug) AND (@after IS NULL OR slug > @after)
        ORDER BY slug LIMIT @limit
        """;

    public Task<List<TaxonomyRow>> SectionsAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(SectionsSql, slug, after, limit, null, ct);

    /// <param name="all">Also tags no public article carries yet (the editorial API's view).</param>
    public Task<List<TaxonomyRow>> TagsAsync(string? slug, string? after, int limit, string? prefix, CancellationToken ct, bool all = false) =>
        QueryAsync(TagsSql, slug, after, limit, prefix is null ? null : EscapeLike(prefix) + "%", ct, all);

    public Task<List<TaxonomyRow>> AuthorsAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(AuthorsSql, slug, after, limit, null, ct);

    public Task<List<TaxonomyRow>> SourcesAsync(string? slug, string? after, int limit, CancellationToken ct) =>
        QueryAsync(SourcesSql, slug, after, limit, null, ct);

    private async Task<List<TaxonomyRow>> QueryAsync(string sql, string? slug, string? after, int limit, string? prefix, CancellationToken ct, bool all = false)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { slug, after, limit, prefix, all, now = clock.GetUtcNow() };
        return (await connection.QueryAsync<TaxonomyRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    private static string EscapeLike(string s) =>
        s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
