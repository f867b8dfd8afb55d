using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Related;

/// <summary>The <c>limit</c> of related stories.</summary>
public sealed record RelatedQuery(
    [FromQuery(Name = "limit")] [property: Description("How many related stories, 1..20 (default 5)."), Range(1, RelatedQuery.MaxLimit)] int? Limit)
{
    public const int DefaultLimit = 5;
    public const int MaxLimit = 20;

    public int Size => Limit ?? DefaultLimit;
}

public sealed class RelatedQueryValidator : AbstractValidator<RelatedQuery>
{
    public RelatedQueryValidator() => RuleFor(q => q.Limit).PageLimit(RelatedQuery.MaxLimit);
}

/// <summary>The <c>scope</c> of previous / next.</summary>
public sealed record AdjacentQuery(
    [FromQuery(Name = "scope")]
    [property: Description("section (default): within the article's section; site: across the whole site."), AllowedValues("section", "site")] string? Scope)
{
    public bool SameSection => Scope != "site";
}

public sealed class AdjacentQueryValidator : AbstractValidator<AdjacentQuery>
{
    public AdjacentQueryValidator() =>
        RuleFor(q => q.Scope).Must(scope => scope is null or "section" or "site").WithMessage("scope must be 'section' or 'site'.");
}

public static class RelatedApi
{
    public static RouteGroupBuilder MapRelatedApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/articles").WithTags("Articles").ContentApiPolicy().WithValidation();
        group.MapGet("/{id}/related", GetRelated).WithName("getRelatedArticles")
            .WithSummary("Related stories as teasers: curated first, then by topic and text");
        group.MapGet("/{id}/adjacent", GetAdjacent).WithName("getAdjacentArticles")
            .WithSummary("The previous and next published articles (Read Previous / Read Next)");
        return group;
    }

    public static async Task<Results<Ok<RelatedList>, NotFoundProblem, ValidationProblem>> GetRelated(
        [Description("Article id.")] long id,
        [AsParameters] RelatedQuery query, ArticleRepository articles, RelatedRanking ranking, HttpContext http, CancellationToken ct)
    {
        var n = query.Size;
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
        [AsParameters] AdjacentQuery query, ArticleRepository articles, ArticleMapper mapper, HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: true, ct);
        if (row is null) return new NotFoundProblem($"No published article has id {id}.");
        var (previous, next) = await articles.AdjacentAsync(row, sameSection: query.SameSection, ct);
        ContentApi.DescribeTeasers(http, new[] { previous, next }.OfType<TeaserRow>().ToList());
        CacheTags.Describe(http, null, [CacheTags.Article(row.Id)]);
        return TypedResults.Ok(new Adjacent(
            previous is null ? null : mapper.ToTeaser(previous),
            next is null ? null : mapper.ToTeaser(next)));
    }
}
