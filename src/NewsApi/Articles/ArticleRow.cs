namespace NewsApi.Articles;

/// <summary>One row of <c>articles</c> joined with its section and source (Dapper target).</summary>
public sealed class ArticleRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string? Subheadline { get; init; }
    public string Excerpt { get; init; } = "";
    public string? CustomExcerpt { get; init; }
    public string BodyHtml { get; init; } = "";
    public string BodyText { get; init; } = "";
    public string? Dateline { get; init; }
    public long SectionId { get; init; }
    public string SectionSlug { get; init; } = "";
    public string SectionName { get; init; } = "";
    public long? SourceId { get; init; }
    public string? SourceSlug { get; init; }
    public string? SourceName { get; init; }
    public string Language { get; init; } = "hi";
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public long? ImageWidth { get; init; }
    public long? ImageHeight { get; init; }
    public string Status { get; init; } = "draft";
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? EmbargoUntil { get; init; }
    public string? CanonicalUrl { get; init; }
    public long ReadingTimeMinutes { get; init; }
    public bool SyndicationAllowed { get; init; }
    public long? OwnerAuthorId { get; init; }
    public long? OwnerKeyId { get; init; }
    public long Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>It has curated related stories: its answer then changes when one of them comes or goes
    /// (published, unpublished, embargo ended) though the article itself was not written.</summary>
    public bool HasCurated { get; init; }

    /// <summary><see cref="ArticleFilter.PublicPredicate"/>, for a row in hand.</summary>
    public bool IsPublicAt(DateTimeOffset now) =>
        Status == "published" && PublishedAt <= now && (EmbargoUntil is null || EmbargoUntil <= now);

    public const string Columns = """
        a.id, a.slug, a.headline, a.subheadline, a.excerpt, a.custom_excerpt, a.body_html, a.body_text, a.dateline,
        a.section_id, s.slug AS section_slug, s.name AS section_name,
        a.source_id, src.slug AS source_slug, src.name AS source_name,
        a.language, a.image_url, a.image_alt, a.image_caption, a.image_credit, a.image_width, a.image_height,
        a.status, a.published_at, a.embargo_until, a.canonical_url, a.reading_time_minutes, a.syndication_allowed,
        a.owner_author_id, a.owner_key_id, a.version, a.created_at, a.updated_at,
        EXISTS (SELECT 1 FROM article_related r WHERE r.article_id = a.id) AS has_curated
        """;

    public const string From = """
        articles a
        JOIN sections s ON s.id = a.section_id
        LEFT JOIN sources src ON src.id = a.source_id
        """;

    /// <summary>One article by <c>@id</c>, any status: the public reader adds its predicate, the writer its transaction.</summary>
    public const string ById = "SELECT " + Columns + " FROM " + From + " WHERE a.id = @id";
}

/// <summary>The columns a teaser card needs (no body).</summary>
public sealed class TeaserRow
{
    public long Id { get; init; }
    public string Slug { get; init; } = "";
    public string Headline { get; init; } = "";
    public string? Dateline { get; init; }
    public string Excerpt { get; init; } = "";
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string SectionSlug { get; init; } = "";
    public string SectionName { get; init; } = "";
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Only read where the query adds <c>a.section_id</c> (related-story ranking).</summary>
    public long SectionId { get; init; }

    public const string Columns = """
        a.id, a.slug, a.headline, a.dateline, a.excerpt, a.image_url, a.image_alt,
        s.slug AS section_slug, s.name AS section_name, a.published_at
        """;
}

public sealed class ArticleLinkRow
{
    public long ArticleId { get; init; }
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
}
