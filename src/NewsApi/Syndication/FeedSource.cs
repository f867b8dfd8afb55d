using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsApi.Articles;
using NewsApi.Http;
using NewsApi.Taxonomy;

namespace NewsApi.Syndication;

/// <summary>Reads what a feed holds (the public list query of /v1/articles, the same filters) and what it says
/// about itself; the formats only write it.</summary>
public sealed class FeedSource(ArticleRepository articles, TaxonomyRepository taxonomy, ContentClock contentClock,
    IOptions<NewsApiOptions> site, IOptions<FeedsOptions> options)
{
    /// <summary>Items in a feed. Readers poll and keep what they have seen, so the newest are enough.</summary>
    public const int Size = 50;

    // The year in the default tagging entity: a tag: URI needs a date on which its domain was held.
    private const string DefaultTagDate = "2025";

    public async Task<Results<FeedDocument<TFormat>, NotFoundProblem>> AnswerAsync<TFormat>(FeedQuery query, HttpContext http, CancellationToken ct)
        where TFormat : IFeedFormat
    {
        var (section, tag) = (query.SectionSlug, query.TagSlug);
        // The public taxonomy answers: a tag only drafts carry is unknown here too, as at /v1/tags/{slug}.
        string? sectionName = null, tagName = null;
        if (section is not null)
        {
            if (await taxonomy.SectionsAsync(section, null, 1, ct) is not [var row]) return new NotFoundProblem($"No section has the slug '{section}'.");
            sectionName = row.Name;
        }
        if (tag is not null)
        {
            if (await taxonomy.TagsAsync(tag, null, 1, null, ct) is not [var row]) return new NotFoundProblem($"No tag has the slug '{tag}'.");
            tagName = row.Name;
        }

        var rows = await articles.ListAsync(new ArticleFilter(Section: section, Tag: tag), after: null, Size, ct);
        var items = await articles.ToArticlesAsync(rows, BodyFormats.Html, publicOnly: true, ct);
        var updated = items.Count > 0 ? items.Max(a => a.UpdatedAt) : (await contentClock.CurrentAsync(fresh: false, ct)).Any;

        // As a list: its articles and their sections, plus the filter's own section and tag, whose names the title shows.
        ContentApi.DescribeArticles(http, items, lastModified: false);
        CacheTags.Describe(http, null, [
            .. section is null ? Array.Empty<string>() : [CacheTags.Section(section)],
            .. tag is null ? Array.Empty<string>() : [CacheTags.Tag(tag)]]);
        return new FeedDocument<TFormat>(Head(http, section, sectionName, tag, tagName, updated), items);
    }

    private FeedHead Head(HttpContext http, string? section, string? sectionName, string? tag, string? tagName, DateTimeOffset updated)
    {
        var o = options.Value;
        var home = site.Value.PublicBaseUrl.TrimEnd('/');
        var entity = string.IsNullOrWhiteSpace(o.TaggingEntity) ? new Uri(home).IdnHost + "," + DefaultTagDate : o.TaggingEntity.Trim();

        var name = "feed";
        var title = Nfc(o.Title);
        var selfQuery = new QueryBuilder();
        if (section is not null)
        {
            name += ":section=" + Uri.EscapeDataString(section);
            title += " — " + sectionName;
            selfQuery.Add("section", section);
        }
        if (tag is not null)
        {
            name += ":tag=" + Uri.EscapeDataString(tag);
            title += " — " + tagName;
            selfQuery.Add("tag", tag);
        }

        // The address this request came to (the proxy's scheme through the forwarded headers), with the filters
        // as normalised, so the self link names the feed, not the spelling it was asked for with.
        var request = http.Request;
        var api = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/');
        var self = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, selfQuery.ToQueryString());
        return new FeedHead(entity, name, title, Nfc(o.Description), self, home + "/", updated, Nfc(o.Title), api);
    }

    // Configured text may come in any normalisation form; stored text is NFC already.
    private static string Nfc(string text) => text.Normalize(System.Text.NormalizationForm.FormC);
}
