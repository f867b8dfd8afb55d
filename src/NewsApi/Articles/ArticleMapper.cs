using Microsoft.Extensions.Options;
using NewsApi.Text;

namespace NewsApi.Articles;

[Flags]
public enum BodyFormats { None = 0, Html = 1, Text = 2, Blocks = 4 }

/// <summary>Turns rows into API records and builds public URLs; reads nothing.</summary>
public sealed class ArticleMapper(IOptions<NewsApiOptions> options)
{
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
