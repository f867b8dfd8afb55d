using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text.Json.Serialization;
using NewsApi.Text;

namespace NewsApi.Articles;

public sealed record SectionRef(string Slug, string Name);
public sealed record TagRef(string Slug, string Name);
public sealed record AuthorRef(string Slug, string Name);
public sealed record SourceRef(string Slug, string Name);

public sealed record ArticleImage(string Url, string? Alt, string? Caption, string? Credit, int? Width, int? Height);
public sealed record TeaserImage(string Url, string? Alt);

public sealed record ArticleSyndication(bool Allowed);

/// <summary>The body in the formats asked for with <c>formats</c>; formats not asked for are null.</summary>
public sealed record ArticleBody(string? Html, string? Text, IReadOnlyList<BodyBlock>? Blocks);

[JsonConverter(typeof(JsonStringEnumConverter<ArticleStatus>))]
public enum ArticleStatus { Draft, Scheduled, Published, Archived }

public sealed record Article(
    long Id,
    string Slug,
    string Headline,
    string? Subheadline,
    string Excerpt,
    ArticleBody Body,
    string? Dateline,
    SectionRef Section,
    IReadOnlyList<TagRef> Tags,
    IReadOnlyList<AuthorRef> Authors,
    SourceRef? Source,
    string Language,
    ArticleImage? Image,
    [property: Description("draft | scheduled | published | archived"), AllowedValues("draft", "scheduled", "published", "archived")] string Status,
    DateTimeOffset? PublishedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EmbargoUntil,
    string Url,
    string CanonicalUrl,
    int ReadingTimeMinutes,
    ArticleSyndication Syndication,
    IReadOnlyList<long> Related,
    long Version);

public sealed record Teaser(
    long Id,
    string Slug,
    string Headline,
    string? Dateline,
    string Excerpt,
    TeaserImage? Image,
    SectionRef Section,
    DateTimeOffset? PublishedAt,
    string Url);

public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public sealed record Adjacent(Teaser? Previous, Teaser? Next);
