using System.Data;
using Dapper;
using Microsoft.Extensions.Options;
using NewsApi.Text;

namespace NewsApi.Articles;

[Flags]
public enum BodyFormats { None = 0, Html = 1, Text = 2, Blocks = 4 }

/// <summary>Turns rows into API records: loads tags, authors and curated related ids in three batched queries.</summary>
public sealed class ArticleMapper(IOptions<NewsApiOptions> options, TimeProvider clock)
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

    public async Task<IReadOnlyList<Article>> ToArticlesAsync(IDbConnection connection, IDbTransaction? tx,
        IReadOnlyList<ArticleRow> rows, BodyFormats formats, CancellationToken ct, bool publicOnly = true)
    {
        var ids = rows.Select(r => r.Id).ToArray();
        var tags = (await connection.QueryAsync<ArticleLinkRow>(new CommandDefinition(TagsSql, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(t => t.ArticleId, t => new TagRef(t.Slug, t.Name));
        var authors = (await connection.QueryAsync<ArticleLinkRow>(new CommandDefinition(AuthorsSql, new { ids }, tx, cancellationToken: ct)))
            .ToLookup(t => t.ArticleId, t => new AuthorRef(t.Slug, t.Name));
        var related = (await connection.QueryAsync<(long ArticleId, long RelatedId)>(new CommandDefinition(
                RelatedSql, new { ids, all = !publicOnly, now = clock.GetUtcNow() }, tx, cancellationToken: ct)))
            .ToLookup(r => r.ArticleId, r => r.RelatedId);
        return rows.Select(r => ToArticle(r, [.. tags[r.Id]], [.. authors[r.Id]], [.. related[r.Id]], formats)).ToList();
    }

    public Article ToArticle(ArticleRow r, IReadOnlyList<TagRef> tags, IReadOnlyList<AuthorRef> authors, IReadOnlyList<long> related, BodyFormats formats)
    {
        var url = Url(r.SectionSlug, r.Slug);
        var body = new ArticleBody(
            formats.HasFlag(BodyFormats.Html) ? r.BodyHtml : null,
            formats.HasFlag(BodyFormats.Text) ? r.BodyText : null,
            formats.HasFlag(BodyFormats.Blocks) ? BodyHtml.ToBlocks(r.BodyHtml) : null);
        var image = r.ImageUrl is null ? null
            : new ArticleImage(r.ImageUrl, r.ImageAlt, r.ImageCaption, r.ImageCredit, (int?)r.ImageWidth, (int?)r.ImageHeight);
        return new Article(
            r.Id, r.Slug, r.Headline, r.Subheadline, r.Excerpt, body, r.Dateline,
            new SectionRef(r.SectionSlug, r.SectionName), tags, authors,
            r.SourceSlug is null ? null : new SourceRef(r.SourceSlug, r.SourceName ?? r.SourceSlug),
            r.Language, image, r.Status, r.PublishedAt, r.UpdatedAt, r.CreatedAt, r.EmbargoUntil,
            url, r.CanonicalUrl ?? url, (int)r.ReadingTimeMinutes, new ArticleSyndication(r.SyndicationAllowed), related, r.Version);
    }

    public Teaser ToTeaser(TeaserRow r) => new(
        r.Id, r.Slug, r.Headline, r.Dateline, r.Excerpt,
        r.ImageUrl is null ? null : new TeaserImage(r.ImageUrl, r.ImageAlt),
        new SectionRef(r.SectionSlug, r.SectionName), r.PublishedAt, Url(r.SectionSlug, r.Slug));

    /// <summary>Public URL from <c>NewsApi:PublicBaseUrl</c> and <c>NewsApi:UrlPattern</c> (default <c>/{section}/{slug}</c>).</summary>
    public string Url(string sectionSlug, string slug)
    {
        var o = options.Value;
        var path = o.UrlPattern
            .Replace("{section}", Uri.EscapeDataString(sectionSlug), StringComparison.Ordinal)
            .Replace("{slug}", Uri.EscapeDataString(slug), StringComparison.Ordinal);
        return o.PublicBaseUrl.TrimEnd('/') + path;
    }
}
