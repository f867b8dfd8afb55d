using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Search;

public sealed record SearchHit(
    long Id, string Slug, string Headline, string? Dateline, string Excerpt, TeaserImage? Image, SectionRef Section,
    DateTimeOffset? PublishedAt, string Url,
    [property: Description("Matched words wrapped in <mark>; HTML-escaped otherwise.")] string Snippet,
    [property: Description("text: the words as typed; romanised: a Latin query matched Devanagari words."), AllowedValues("text", "romanised")] string MatchedBy);

public static class SearchApi
{
    public const int MaxQueryLength = 200;
    public const int MaxOffset = 1000;

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Search").ContentApiPolicy();
        group.MapGet("/search", Search).WithName("searchArticles")
            .WithSummary("Full-text search, Devanagari-aware, ranked, with highlighted snippets; romanised Hindi finds Devanagari");
        return group;
    }

    public static async Task<Results<Ok<Page<SearchHit>>, ValidationProblem>> Search(
        [Description("Words to find (≤ 200 characters); Devanagari or romanised Hindi. Operators are not interpreted.")] string? q,
        [AsParameters] ArticleListQuery query, SearchService search, ArticleMapper mapper, CursorCodec cursors,
        HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = Paging.Limit(query.Limit, errors);
        var offset = 0;
        if (query.Cursor is not null)
        {
            if (cursors.TryDecode("search", query.Cursor, out long position) && position <= MaxOffset) offset = (int)position;
            else errors["cursor"] = [CursorCodec.Invalid];
        }
        SearchQuery? parsed = null;
        if (string.IsNullOrWhiteSpace(q)) errors["q"] = ["q is required."];
        else if (q.Length > MaxQueryLength) errors["q"] = [$"q must be at most {MaxQueryLength} characters."];
        else if ((parsed = SearchQuery.Parse(q)) is null) errors["q"] = ["q has no searchable words."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var hits = await search.RankAsync(parsed!, query.ToFilter(), offset + limit + 1, ct);
        var page = hits.Skip(offset).Take(limit).ToList();
        var next = hits.Count > offset + limit && offset + limit < MaxOffset
            ? cursors.Encode("search", offset + limit) : null;
        Paging.SetNextLink(http, next);
        if (page.Count == 0)
        {
            // Purged with every publication: an empty answer may not stay empty.
            CacheTags.Describe(http, null, ["articles"]);
            return TypedResults.Ok(new Page<SearchHit>([], next));
        }

        var snippets = await search.SnippetsAsync(parsed!, page, ct);
        var rows = await search.TeasersAsync(page, ct);
        ContentApi.DescribeTeasers(http, rows.Values.ToList());
        var items = page.Where(h => rows.ContainsKey(h.Id)).Select(h =>
        {
            var t = mapper.ToTeaser(rows[h.Id]);
            return new SearchHit(t.Id, t.Slug, t.Headline, t.Dateline, t.Excerpt, t.Image, t.Section, t.PublishedAt, t.Url,
                snippets.GetValueOrDefault(h.Id, ""), h.Romanised ? "romanised" : "text");
        }).ToList();
        return TypedResults.Ok(new Page<SearchHit>(items, next));
    }
}
