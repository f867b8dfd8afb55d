using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using NewsApi.Articles;

namespace NewsApi.Related;

/// <summary>A teaser card with why it is related.</summary>
public sealed record RelatedTeaser(
    long Id,
    string Slug,
    string Headline,
    string? Dateline,
    string Excerpt,
    TeaserImage? Image,
    SectionRef Section,
    DateTimeOffset? PublishedAt,
    string Url,
    [property: Description("curated | topic | text"), AllowedValues("curated", "topic", "text")] string Reason)
{
    public static RelatedTeaser From(Teaser t, string reason) =>
        new(t.Id, t.Slug, t.Headline, t.Dateline, t.Excerpt, t.Image, t.Section, t.PublishedAt, t.Url, reason);
}

/// <summary>The list shape every list has; related stories are one ranked page, so nextCursor is always null.</summary>
public sealed record RelatedList(IReadOnlyList<RelatedTeaser> Items, [property: Description("Always null: related stories are one ranked page (limit up to 20).")] string? NextCursor);
