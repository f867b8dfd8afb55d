using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Http;

namespace NewsApi.Search;

public sealed record Suggestion(
    [property: Description("The completion: a headline word, or a tag, section or author name.")] string Text,
    [property: AllowedValues("word", "tag", "section", "author")] string Kind,
    [property: Description("The tag's, section's or author's slug; null for a word.")] string? Slug,
    [property: Description("Public articles with it (in the headline, for a word).")] long Articles);

public sealed record SuggestionList(IReadOnlyList<Suggestion> Items);

/// <summary>The query of <c>GET /v1/search/suggest</c>.</summary>
public sealed record SuggestQuery(
    [FromQuery(Name = "q")] [property: Description("What the reader has typed so far (≤ 50 characters): a prefix in Devanagari or Latin letters.")] string? Q,
    [FromQuery(Name = "limit")] [property: Description("How many suggestions, 1..20 (default 8)."), Range(1, 20)] int? Limit)
{
    public const int MaxLength = 50, MaxLimit = 20, DefaultLimit = 8;
}

public sealed class SuggestQueryValidator : AbstractValidator<SuggestQuery>
{
    public SuggestQueryValidator()
    {
        RuleFor(s => s.Q).Cascade(CascadeMode.Stop)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("q is required.")
            .Must(q => q!.Length <= SuggestQuery.MaxLength).WithMessage($"q must be at most {SuggestQuery.MaxLength} characters.")
            .Must(q => !q!.Any(char.IsControl)).WithMessage("q must not contain control characters.")
            .Must(q => Suggester.Prefix(q!) is not null).WithMessage("q has no letters or digits.");
        RuleFor(s => s.Limit).InclusiveBetween(1, SuggestQuery.MaxLimit).When(s => s.Limit is not null)
            .WithMessage($"limit must be between 1 and {SuggestQuery.MaxLimit}.");
    }
}

public static class SuggestApi
{
    public static RouteGroupBuilder MapSuggestions(this RouteGroupBuilder group)
    {
        group.MapGet("/search/suggest", Suggest).WithName("suggestSearch")
            .WithSummary("Search-as-you-type: completions from headline words, tags, sections and authors for a Devanagari or Latin prefix, by popularity and recency");
        return group;
    }

    public static async Task<Results<Ok<SuggestionList>, ValidationProblem>> Suggest([AsParameters] SuggestQuery query, Suggester suggester, HttpContext http, CancellationToken ct)
    {
        var items = await suggester.SuggestAsync(query.Q!, query.Limit ?? SuggestQuery.DefaultLimit, ct);
        // Purged with every publication, like an empty search.
        CacheTags.Describe(http, null, ["articles"]);
        return TypedResults.Ok(new SuggestionList(items));
    }
}
