using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>The public, read-only content API: published, past-embargo articles only.</summary>
public static class ContentApi
{
    public static RouteGroupBuilder MapArticlesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Articles").ContentApiPolicy().WithValidation();
        group.MapGet("/articles", ListArticles).WithName("listArticles")
            .WithSummary("List published articles, newest first").WithSparseFields().WithMetadata(ArticleQueryParsing.Feed);
        group.MapGet("/articles/{id}", GetArticle).WithName("getArticle")
            .WithSummary("Get one published article by id").WithSparseFields();
        group.MapGet("/articles/slug/{slug}", GetArticleBySlug).WithName("getArticleBySlug")
            .WithSummary("Get one published article by slug (a retired slug answers 301)").WithSparseFields();
        group.MapGet("/teasers", ListTeasers).WithName("listTeasers")
            .WithSummary("List teaser cards for front and section pages, newest first").WithMetadata(ArticleQueryParsing.Feed);
        return group;
    }

    public static async Task<Results<Ok<Page<Article>>, ValidationProblem>> ListArticles(
        [AsParameters] ArticleListQuery query, [AsParameters] ArticleListViewQuery view,
        ArticleRepository articles, CursorCodec cursors, IOptions<ContentApiOptions> options, HttpContext http, CancellationToken ct)
    {
        var limit = query.Size;
        var after = ArticleQueryParsing.FeedPositionOf(query.Position(cursors, ArticleQueryParsing.Feed));
        var bodyFormats = view.BodyFormats;
        if (ArticleQueryParsing.BodiesProblem(limit, view, options.Value.MaxBodiesPerPage) is { } tooMany)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [tooMany] });

        var rows = await articles.ListAsync(query.ToFilter(), after, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? ArticleQueryParsing.NextCursor(cursors, page[^1].PublishedAt!.Value, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        var items = await articles.ToArticlesAsync(page, bodyFormats, publicOnly: true, ct);
        DescribeArticles(http, items, lastModified: false);
        return TypedResults.Ok(new Page<Article>(items, next));
    }

    public static async Task<Results<Ok<Page<Teaser>>, ValidationProblem>> ListTeasers(
        [AsParameters] ArticleListQuery query, ArticleRepository articles, ArticleMapper mapper, CursorCodec cursors, HttpContext http, CancellationToken ct)
    {
        var limit = query.Size;
        var after = ArticleQueryParsing.FeedPositionOf(query.Position(cursors, ArticleQueryParsing.Feed));

        var rows = await articles.ListTeasersAsync(query.ToFilter(), after, limit + 1, ct);
        var page = rows.Take(limit).ToList();
        var next = rows.Count > limit ? ArticleQueryParsing.NextCursor(cursors, page[^1].PublishedAt!.Value, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        DescribeTeasers(http, page);
        return TypedResults.Ok(new Page<Teaser>(page.Select(mapper.ToTeaser).ToList(), next));
    }

    public static async Task<Results<Ok<Article>, NotFoundProblem, ValidationProblem>> GetArticle(
        [Description("Article id.")] long id,
        [AsParameters] ArticleViewQuery view, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        if (await articles.FindPublicAsync(id, view.BodyFormats, ct) is not { } found)
            return new NotFoundProblem($"No published article has id {id}.");
        DescribeArticles(http, [found.Article], lastModified: !found.HasCurated);
        return TypedResults.Ok(found.Article);
    }

    public static async Task<Results<Ok<Article>, MovedPermanently, NotFoundProblem, ValidationProblem>> GetArticleBySlug(
        [Description("Article slug, percent-encoded (Devanagari allowed).")] string slug,
        [AsParameters] ArticleViewQuery view, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var normalized = Text.Slug.Key(slug);
        var (found, current) = await articles.FindPublicBySlugAsync(normalized, view.BodyFormats, ct);
        if (found is { } f)
        {
            DescribeArticles(http, [f.Article], lastModified: !f.HasCurated);
            return TypedResults.Ok(f.Article);
        }
        if (current is { } moved)
        {
            // Cached like the article, so purging the article (a later slug change) purges the redirect too.
            CacheTags.Describe(http, null, ["articles", CacheTags.Article(moved.Id)]);
            // The query as parsed and encoded again, not as sent: a raw control character (a CR) copied into
            // Location would make Kestrel refuse the header, a 500 for anyone who asks.
            return new MovedPermanently($"/v1/articles/slug/{Uri.EscapeDataString(moved.Slug)}{QueryString.Create(http.Request.Query)}");
        }
        return new NotFoundProblem($"No published article has the slug '{normalized}'.");
    }

    /// <param name="lastModified">Only for one article, and one whose answer depends on no other article
    /// (no curated related stories): a list's newest member date goes backwards when an article leaves it;
    /// such answers take the <see cref="ContentClock"/>'s.</param>
    internal static void DescribeArticles(HttpContext http, IReadOnlyList<Article> articles, bool lastModified = true) =>
        CacheTags.Describe(http, lastModified && articles.Count > 0 ? articles.Max(a => a.UpdatedAt) : null,
            articles.Count == 1 ? Keys(articles[0]) : articles.SelectMany(a => new[] { CacheTags.Article(a.Id), CacheTags.Section(a.Section.Slug) }).Prepend("articles"));

    /// <summary>One article names everything it shows. A list names only its articles and sections: with every
    /// tag, author and source a page of 100 sent a 19 KB header, past what CDNs and proxies accept; a rename of
    /// those purges <c>articles</c> (README).</summary>
    private static IEnumerable<string> Keys(Article a) =>
        a.Tags.Select(t => CacheTags.Tag(t.Slug))
            .Concat(a.Authors.Select(u => CacheTags.Term("authors", u.Slug)))
            .Concat(a.Source is { } source ? [CacheTags.Term("sources", source.Slug)] : [])
            .Prepend(CacheTags.Section(a.Section.Slug)).Prepend(CacheTags.Article(a.Id)).Prepend("articles");

    internal static void DescribeTeasers(HttpContext http, IReadOnlyList<TeaserRow> teasers) =>
        CacheTags.Describe(http, null,
            teasers.SelectMany(t => new[] { CacheTags.Article(t.Id), CacheTags.Section(t.SectionSlug) }).Prepend("articles"));
}
