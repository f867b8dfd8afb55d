using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace NewsApi.Syndication;

// IPTC ninjs 2.2 (https://iptc.org/standards/ninjs/): only the members this API fills. ninjs names are single
// lower-case words, so each is spelled out; absent members are left out rather than sent as null, because the
// schema types them as strings and arrays, never null. The root allows no members of our own.

/// <summary>An article as an IPTC ninjs 2.2 news item.</summary>
public sealed record NinjsDocument
{
    [Description("Stable identifier: urn:newsapi:article:{id}; it never changes, not even when the slug does.")]
    [JsonPropertyName("uri")] public required string Uri { get; init; }

    [JsonPropertyName("type")] public string Type { get; init; } = "text";

    [JsonPropertyName("representationtype")] public string RepresentationType { get; init; } = "full";

    [Description("The article's version (it grows with every editorial write).")]
    [JsonPropertyName("version")] public required string Version { get; init; }

    [Description("When the article was first published.")]
    [JsonPropertyName("firstcreated"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? FirstCreated { get; init; }

    [Description("When this version was saved.")]
    [JsonPropertyName("versioncreated")] public required DateTimeOffset VersionCreated { get; init; }

    [Description("When the article was first written (as a draft).")]
    [JsonPropertyName("contentcreated")] public required DateTimeOffset ContentCreated { get; init; }

    [Description("The embargo the article was held under, when it had one (always past: embargoed articles are not syndicated).")]
    [JsonPropertyName("embargoed"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? Embargoed { get; init; }

    [AllowedValues("usable")]
    [JsonPropertyName("pubstatus")] public string PubStatus { get; init; } = "usable";

    [Description("The agency credited (the article's source), when there is one.")]
    [JsonPropertyName("copyrightholder"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? CopyrightHolder { get; init; }

    [Description("BCP 47, e.g. hi.")]
    [JsonPropertyName("language")] public required string Language { get; init; }

    [JsonPropertyName("headlines")] public required IReadOnlyList<NinjsText> Headlines { get; init; }

    [Description("The excerpt (role summary, text/plain).")]
    [JsonPropertyName("descriptions")] public required IReadOnlyList<NinjsText> Descriptions { get; init; }

    [Description("The body twice: text/html (sanitised) and text/plain (paragraphs separated by blank lines).")]
    [JsonPropertyName("bodies")] public required IReadOnlyList<NinjsBody> Bodies { get; init; }

    [Description("The section (rel section) and the tags (rel tag), each with its slug as literal.")]
    [JsonPropertyName("subjects")] public required IReadOnlyList<NinjsSubject> Subjects { get; init; }

    [JsonPropertyName("infosources"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsInfoSource>? InfoSources { get; init; }

    [Description("The authors' names, comma-separated.")]
    [JsonPropertyName("by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? By { get; init; }

    [Description("The dateline (where the story was filed).")]
    [JsonPropertyName("located"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Located { get; init; }

    [Description("The image (featureimage) and the curated related stories that are syndicated too (related-1, related-2, …).")]
    [JsonPropertyName("associations"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsAssociation>? Associations { get; init; }

    [Description("The slug (role slug) and the canonical web address (role url).")]
    [JsonPropertyName("altids")] public required IReadOnlyList<NinjsAltId> AltIds { get; init; }

    [JsonPropertyName("standard")] public NinjsStandard Standard { get; init; } = NinjsStandard.V22;
}

public sealed record NinjsText(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("contenttype"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ContentType,
    [property: JsonPropertyName("value")] string Value);

public sealed record NinjsBody(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("contenttype")] string ContentType,
    [property: JsonPropertyName("wordcount"), Description("Words of the plain text (runs between white space).")] int WordCount,
    [property: JsonPropertyName("value")] string Value);

public sealed record NinjsSubject(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("rel"), AllowedValues("section", "tag")] string Rel,
    [property: JsonPropertyName("literal")] string Literal);

public sealed record NinjsInfoSource(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("literal")] string Literal);

/// <summary>An image (type picture) or a related story (type text, known to partners by its uri).</summary>
public sealed record NinjsAssociation
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("uri")] public required string Uri { get; init; }
    [JsonPropertyName("type"), AllowedValues("picture", "text")] public required string Type { get; init; }

    [Description("An image's alt text (role alt) and caption (role caption).")]
    [JsonPropertyName("descriptions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsText>? Descriptions { get; init; }

    [Description("An image's credit.")]
    [JsonPropertyName("by"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? By { get; init; }

    [JsonPropertyName("renditions"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsRendition>? Renditions { get; init; }
}

public sealed record NinjsRendition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("href")] string Href,
    [property: JsonPropertyName("width"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Width,
    [property: JsonPropertyName("height"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Height);

public sealed record NinjsAltId(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("value")] string Value);

public sealed record NinjsStandard(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("schema")] string Schema)
{
    public static readonly NinjsStandard V22 = new("ninjs", "2.2", "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json");
}
