using NewsApi.Articles;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace NewsApi.Editorial;

/// <summary>What a client may set on an article. Server-owned fields (id, status, version,
/// createdAt, publishedAt) are not here, so they cannot be mass-assigned.</summary>
public sealed record ArticleInput
{
    // [Required] only tells the contract; FluentValidation answers the 400 with every failing field.
    [Description("1–300 characters."), Required] public string? Headline { get; init; }
    public string? Subheadline { get; init; }
    [Description("Derived from the headline when omitted (a taken or look-alike one gets a numeric suffix); lower-case letters, marks, digits and hyphens, ≤ 120. One another article has, or could pass for (the same Unicode confusable skeleton, UTS #39), is a 409 with a free suggestion.")] public string? Slug { get; init; }
    [Description("Derived from the body when omitted (≤ 160 user-perceived characters).")] public string? Excerpt { get; init; }
    [Description("HTML, sanitised on write to p, h2–h4, blockquote, ul/ol/li, a[href], strong, em, figure, img, figcaption.")] public string? Body { get; init; }
    [Description("Place of the story, e.g. सियोल.")] public string? Dateline { get; init; }
    [Description("Section slug (must exist)."), Required] public string? Section { get; init; }
    [Description("Tag slugs or names; unknown names are created (a 400 when the new slug could pass for another tag's). At most 20.")] public IReadOnlyList<string>? Tags { get; init; }
    [Description("Author slugs (must exist).")] public IReadOnlyList<string>? Authors { get; init; }
    [Description("Source slug (must exist), e.g. ians.")] public string? Source { get; init; }
    [Description("BCP 47 language tag; default hi.")] public string? Language { get; init; }
    public ImageInput? Image { get; init; }
    [Description("Overrides the URL built from NewsApi:PublicBaseUrl.")] public string? CanonicalUrl { get; init; }
    public SyndicationInput? Syndication { get; init; }
    [Description("Keeps a published article out of every public answer until this time.")] public DateTimeOffset? EmbargoUntil { get; init; }

    /// <summary>The article as an editor submitted it: what PATCH merges into and a restore writes back.</summary>
    public static ArticleInput From(Article a, string? customExcerpt, string? customCanonicalUrl) => new()
    {
        Headline = a.Headline,
        Subheadline = a.Subheadline,
        Slug = a.Slug,
        Excerpt = customExcerpt,
        Body = a.Body.Html ?? "",
        Dateline = a.Dateline,
        Section = a.Section.Slug,
        Tags = [.. a.Tags.Select(t => t.Slug)],
        Authors = [.. a.Authors.Select(t => t.Slug)],
        Source = a.Source?.Slug,
        Language = a.Language,
        Image = a.Image is null ? null : new ImageInput
        {
            Url = a.Image.Url, Alt = a.Image.Alt, Caption = a.Image.Caption, Credit = a.Image.Credit, Width = a.Image.Width, Height = a.Image.Height,
        },
        CanonicalUrl = customCanonicalUrl,
        Syndication = new SyndicationInput { Allowed = a.Syndication.Allowed },
        EmbargoUntil = a.EmbargoUntil,
    };
}

public sealed record ImageInput
{
    [Description("Absolute http(s) URL.")] public string? Url { get; init; }
    public string? Alt { get; init; }
    public string? Caption { get; init; }
    public string? Credit { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
}

public sealed record SyndicationInput
{
    [Description("Whether partners may republish it; true when omitted.")] public bool? Allowed { get; init; }
}
