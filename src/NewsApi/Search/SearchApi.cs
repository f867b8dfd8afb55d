using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Search;

/// <summary>A page of search hits; when there are none, perhaps a query that would find some.</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Items, string? NextCursor,
    [property: Description("Only with no items: the query with each word the index lacks replaced by the most frequent indexed word one edit or one spelling variant away (did you mean); null otherwise.")] string? Suggestion);

public sealed record SearchHit(
    long Id, string Slug, string Headline, string? Dateline, string Excerpt, TeaserImage? Image, SectionRef Section,
    DateTimeOffset? PublishedAt, string Url,
    [property: Description("Matched words wrapped in <mark>; HTML-escaped otherwise.")] string Snippet,
    [property: Description("text: the words as typed; variant: another spelling of them (nukta, chandrabindu, ऑ, …); romanised: a Latin query matched Devanagari words (romanised Hindi or an English loanword)."), AllowedValues("text", "variant", "romanised")] string MatchedBy);

/// <summary>The <c>q</c> of a search.</summary>
public sealed record SearchTextQuery(
    [FromQuery(Name = "q")] [property: Description("Words to find (≤ 200 characters); Devanagari or romanised Hindi. Operators are not interpreted.")] string? Q)
{
    /// <summary>The query the validator accepted.</summary>
    public SearchQuery Parse() => SearchQuery.Parse(Q!)!;
}

public sealed class SearchTextQueryValidator : AbstractValidator<SearchTextQuery>
{
    public SearchTextQueryValidator()
    {
        RuleFor(s => s.Q).Cascade(CascadeMode.Stop)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("q is required.")
            .Must(q => q!.Length <= SearchApi.MaxQueryLength).WithMessage($"q must be at most {SearchApi.MaxQueryLength} characters.")
            .Must(q => SearchQuery.Parse(q!) is not null).WithMessage("q has no searchable words.");
    }
}

public static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int MaxOffset = 1000;

    /// <summary>A search's cursor is the offset of the next page in the ranked hits, never past <see cref="MaxOffset"/>.</summary>
    private static readonly CursorList Hits = new("search", p => CursorList.ParseId(p) <= MaxOffset);

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Search").ContentApiPolicy().WithValidation();
        group.MapGet("/search", Search).WithName("searchArticles")
            .WithSummary("Full-text search, Devanagari-aware, ranked, with highlighted snippets; romanised Hindi finds Devanagari")
            .WithMetadata(Hits);
        group.MapSuggestions();
        return group;
    }

    public static async Task<Results<Ok<SearchResults>, ValidationProblem>> Search(
        [AsParameters] SearchTextQuery q, [AsParameters] ArticleListQuery query, SearchService search, DidYouMean didYouMean, ArticleMapper mapper, CursorCodec cursors,
        HttpContext http, CancellationToken ct)
    {
        var limit = query.Size;
        var offset = (int)(CursorList.ParseId(query.Position(cursors, Hits)) ?? 0);
        var parsed = q.Parse();

        var found = await search.SearchAsync(parsed, query.ToFilter(), offset, limit, ct);
        var next = found.More && offset + limit < MaxOffset ? cursors.Encode(Hits.Name, offset + limit) : null;
        Paging.SetNextLink(http, next);
        if (found.Hits.Count == 0)
        {
            // Purged with every publication: an empty answer may not stay empty.
            CacheTags.Describe(http, null, ["articles"]);
            var suggestion = offset == 0 ? await didYouMean.SuggestAsync(parsed, ct) : null;
            return TypedResults.Ok(new SearchResults([], next, suggestion));
        }

        var rows = found.Teasers;
        ContentApi.DescribeTeasers(http, rows.Values.ToList());
        var items = found.Hits.Where(h => rows.ContainsKey(h.Id)).Select(h =>
        {
            var t = mapper.ToTeaser(rows[h.Id]);
            return new SearchHit(t.Id, t.Slug, t.Headline, t.Dateline, t.Excerpt, t.Image, t.Section, t.PublishedAt, t.Url,
                found.Snippets.GetValueOrDefault(h.Id, ""), h.MatchedBy);
        }).ToList();
        return TypedResults.Ok(new SearchResults(items, next, null));
    }
}
