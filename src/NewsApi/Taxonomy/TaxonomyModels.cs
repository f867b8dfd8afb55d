using System.ComponentModel;

namespace NewsApi.Taxonomy;

public sealed record SectionItem(string Slug, string Name, string? Description,
    [property: Description("Slug of the parent section, or null for a top-level section.")] string? Parent,
    [property: Description("Published articles in this section and its sub-sections.")] long ArticleCount);

public sealed record TagItem(string Slug, string Name, string? Description,
    [property: Description("Published articles with this tag.")] long ArticleCount);

public sealed record AuthorItem(string Slug, string Name, string? Description);

public sealed record SourceItem(string Slug, string Name, string? Description, string? Url);

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

    public SectionItem ToSection() => new(Slug, Name, Description, Parent, ArticleCount);
    public TagItem ToTag() => new(Slug, Name, Description, ArticleCount);
    public AuthorItem ToAuthor() => new(Slug, Name, Description);
    public SourceItem ToSource() => new(Slug, Name, Description, Url);
}
