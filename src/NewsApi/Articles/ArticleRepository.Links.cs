using System.Data;
using Dapper;

namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    private const string TagsSql = """
        SELECT at.article_id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
        WHERE at.article_id IN @ids ORDER BY at.article_id, at.position
        """;

    private const string AuthorsSql = """
        SELECT aa.article_id, au.slug, au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id
        WHERE aa.article_id IN @ids ORDER BY aa.article_id, aa.position
        """;

    private const string RelatedSql = """
        SELECT r.article_id, r.related_id FROM article_related r JOIN articles a ON a.id = r.related_id
        WHERE r.article_id IN @ids AND (@all OR (
        """ + ArticleFilter.PublicPredicate + """
        )) ORDER BY r.article_id, r.position
        """;

    /// <summary>Rows as API records, with their tags, authors and curated related ids (three batched queries).
    /// <paramref name="publicOnly"/> keeps curated ids to public articles, as the content API shows them.</summary>
    public async Task<IReadOnlyList<Article>> ToArticlesAsync(IReadOnlyList<ArticleRow> rows, BodyFormats formats, bool publicOnly, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        await using var connection = await db.OpenAsync(ct);
        return await ToArticlesAsync(connection, null, rows, formats, publicOnly, ct);
    }

    public async Task<Article> ToArticleAsync(ArticleRow row, BodyFormats formats, bool publicOnly, CancellationToken ct) =>
        (await ToArticlesAsync([row], formats, publicOnly, ct))[0];

    private async Task<IReadOnlyList<Article>> ToArticlesAsync(IDbConnection connection, IDbTransaction? tx,
        IReadOnlyList<ArticleRow> rows, BodyFormats formats, bool publicOnly, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var tags = (await connection.QueryAsync<ArticleLinkRow>(new CommandDefinition(TagsSql, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(t => t.ArticleId, t => new TagRef(t.Slug, t.Name));
        var authors = (await connection.QueryAsync<ArticleLinkRow>(new CommandDefinition(AuthorsSql, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(t => t.ArticleId, t => new AuthorRef(t.Slug, t.Name));
        var related = (await connection.QueryAsync<(long ArticleId, long RelatedId)>(new CommandDefinition(
                RelatedSql, new { ids, all = !publicOnly, now = Now }, tx, cancellationToken: ct)))
            .ToLookup(r => r.ArticleId, r => r.RelatedId);
        return rows.Select(r => mapper.ToArticle(r, [.. tags[r.Id]], [.. authors[r.Id]], [.. related[r.Id]], formats)).ToList();
    }
}
