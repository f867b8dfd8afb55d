using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Related;

public static class RelatedApi
{
    public static RouteGroupBuilder MapRelatedApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles").ContentApiPolicy();
        group.MapGet("/{id}/related", GetRelated).WithName("getRelatedArticles")
            .WithSummary("Related stories as teasers: curated first, then by topic and text");
        group.MapGet("/{id}/adjacent", GetAdjacent).WithName("getAdjacentArticles")
            .WithSummary("The previous and next published articles (Read Previous / Read Next)");
        return group;
    }

    public static async Task<Results<Ok<RelatedList>, NotFoundProblem, ValidationProblem>> GetRelated(
        [Description("Article id.")] long id,
        [Description("How many related stories, 1..20 (default 5).")] int? limit,
        ArticleRepository articles, RelatedRanking ranking, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var n = limit is null ? 5 : Paging.Limit(limit, errors, max: 20);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var row = await articles.FindAsync(id, publicOnly: true, ct);
        if (row is null) return new NotFoundProblem($"No published article has id {id}.");
        var items = await ranking.RankAsync(row, n, ct);
        // "articles": a newly published story may rank among these.
        CacheTags.Describe(http, null, items.SelectMany(i => new[] { CacheTags.Article(i.Id), CacheTags.Section(i.Section.Slug) })
            .Prepend(CacheTags.Article(row.Id)).Prepend("articles"));
        return TypedResults.Ok(new RelatedList(items, null));
    }

    public static async Task<Results<Ok<Adjacent>, NotFoundProblem, ValidationProblem>> GetAdjacent(
        [Description("Article id.")] long id,
        [Description("section (default): within the article's section; site: across the whole site."), AllowedValues("section", "site")] string? scope,
        ArticleRepository articles, ArticleMapper mapper, HttpContext http, CancellationToken ct)
    {
        if (scope is not (null or "section" or "site"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scope"] = ["scope must be 'section' or 'site'."] });
        var row = await articles.FindAsync(id, publicOnly: true, ct);
        if (row is null) return new NotFoundProblem($"No published article has id {id}.");
        var (previous, next) = await articles.AdjacentAsync(row, sameSection: scope != "site", ct);
        ContentApi.DescribeTeasers(http, new[] { previous, next }.OfType<TeaserRow>().ToList());
        CacheTags.Describe(http, null, [CacheTags.Article(row.Id)]);
        return TypedResults.Ok(new Adjacent(
            previous is null ? null : mapper.ToTeaser(previous),
            next is null ? null : mapper.ToTeaser(next)));
    }
}
