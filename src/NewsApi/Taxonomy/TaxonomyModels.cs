using System.ComponentModel;
using System.Text;

namespace NewsApi.Taxonomy;

public sealed record SectionItem(string Slug, string Name, string? Description,
    [property: Description("Slug of the parent section, or null for a top-level section.")] string? Parent,
    [property: Description("Published articles in this section and its sub-sections.")] long ArticleCount);

public sealed record TagItem(string Slug, string Name, string? Description,
    [property: Description("Published articles with this tag.")] long ArticleCount);

public sealed record AuthorItem(string Slug, string Name, string? Description);

public sealed record SourceItem(string Slug, string Name, string? Description, string? Url);

/// <summary>The fields every taxonomy write carries; <see cref="TaxonomyInputValidator{T}"/> checks them once for all kinds.</summary>
public interface ITaxonomyInput
{
    string Name { get; }
    string? Slug { get; }
    string? Description { get; }
}

public sealed record SectionInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description,
    [property: Description("Slug of the parent section; null for top level.")] string? Parent) : ITaxonomyInput;

public sealed record TermInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description) : ITaxonomyInput;

public sealed record SourceInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description,
    [property: Description("The agency's website.")] string? Url) : ITaxonomyInput;

/// <summary>What a write stores: the slug the item will have, and trimmed NFC text.</summary>
public sealed record TaxonomyChange(string Slug, string Name, string? Description, string? Url = null);

public static class TaxonomyInputs
{
    /// <param name="currentSlug">On an update, the (normalised) slug kept when the input names none.</param>
    public static TaxonomyChange ToChange(this ITaxonomyInput input, string? currentSlug = null) => new(
        input.Slug is not null ? Text.Slug.Key(input.Slug) : currentSlug ?? Text.Slug.From(input.Name),
        Norm(input.Name), input.Description is null ? null : Norm(input.Description));

    public static TaxonomyChange ToChange(this SourceInput input, string? currentSlug = null) =>
        ((ITaxonomyInput)input).ToChange(currentSlug) with { Url = Text.WebUrl.Canonical(input.Url) ?? input.Url?.Trim() };

    private static string Norm(string s) => s.Trim().Normalize(NormalizationForm.FormC);
}

/// <summary>Dapper target for the four taxonomy tables.</summary>
public sealed class TaxonomyRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? Parent { get; init; }
    public string? Url { get; init; }
    public long ArticleCount { get; init; }
    /// <summary>The item's ETag (admin GET); never in a response body.</summary>
    public long Version { get; init; }

    public SectionItem ToSection() => new(Slug, Name, Description, Parent, ArticleCount);
    public TagItem ToTag() => new(Slug, Name, Description, ArticleCount);
    public AuthorItem ToAuthor() => new(Slug, Name, Description);
    public SourceItem ToSource() => new(Slug, Name, Description, Url);
}
