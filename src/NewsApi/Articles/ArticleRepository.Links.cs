using System.Data;
using System.Data.Common;
using Dapper;
using NewsApi.Data;

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

    // One command, three result sets: one round trip for a page's links.
    private const string LinksSql = TagsSql + ";\n" + AuthorsSql + ";\n" + RelatedSql;

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
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            LinksSql, new { ids, all = !publicOnly, now = Now }, tx, cancellationToken: ct));
        var tags = (await results.ReadAsync<ArticleLinkRow>()).ToLookup(t => t.ArticleId, t => new TagRef(t.Slug, t.Name));
        var authors = (await results.ReadAsync<ArticleLinkRow>()).ToLookup(t => t.ArticleId, t => new AuthorRef(t.Slug, t.Name));
        var related = (await results.ReadAsync<(long ArticleId, long RelatedId)>()).ToLookup(r => r.ArticleId, r => r.RelatedId);
        return rows.Select(r => mapper.ToArticle(r, [.. tags[r.Id]], [.. authors[r.Id]], [.. related[r.Id]], formats)).ToList();
    }

    // The links of one public article, for the kept-prepared reads of the content API (ArticleRepository.cs).
    private const string PublicLinksOfOneSql = """
        SELECT at.article_id, t.slug, t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id
        WHERE at.article_id = @id ORDER BY at.position;
        SELECT aa.article_id, au.slug, au.name FROM article_authors aa JOIN authors au ON au.id = aa.author_id
        WHERE aa.article_id = @id ORDER BY aa.position;
        SELECT r.related_id FROM article_related r JOIN articles a ON a.id = r.related_id
        WHERE r.article_id = @id AND
        """ + ArticleFilter.PublicPredicate + " ORDER BY r.position";

    /// <summary>Reads the three result sets of <see cref="PublicLinksOfOneSql"/>, the reader being at the first,
    /// and maps <paramref name="row"/> with them.</summary>
    private async Task<Article> WithLinksAsync(DbDataReader reader, ArticleRow row, BodyFormats formats, CancellationToken ct)
    {
        var tags = (await reader.ReadListAsync<ArticleLinkRow>(ct)).Select(t => new TagRef(t.Slug, t.Name)).ToList();
        await reader.NextResultAsync(ct);
        var authors = (await reader.ReadListAsync<ArticleLinkRow>(ct)).Select(t => new AuthorRef(t.Slug, t.Name)).ToList();
        await reader.NextResultAsync(ct);
        var related = new List<long>();
        while (await reader.ReadAsync(ct)) related.Add(reader.GetInt64(0));
        return mapper.ToArticle(row, tags, authors, related, formats);
    }
}
