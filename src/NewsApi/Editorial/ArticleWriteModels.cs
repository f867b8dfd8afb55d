using Microsoft.Data.Sqlite;
using NewsApi.Articles;

namespace NewsApi.Editorial;

/// <summary>Who is writing: recorded on revisions and used for ownership.</summary>
public sealed record Actor(string Name, long? KeyId, long? AuthorId);

public enum WriteError { None, NotFound, VersionMismatch, SlugTaken, Invalid, NotReady }

public sealed record WriteResult(ArticleRow? Article, WriteError Error = WriteError.None, string? Detail = null, string? Suggestion = null,
    IDictionary<string, string[]>? Errors = null)
{
    public static WriteResult Fail(WriteError error, string detail, string? suggestion = null) => new(null, error, detail, suggestion);
}

/// <summary>The articles columns a write sets (Dapper parameters).</summary>
public sealed record ArticleValues
{
    public long Id { get; init; }
    public long ExpectedVersion { get; init; }
    public required string Slug { get; init; }
    /// <summary>The slug's UTS #39 skeleton (<see cref="Text.SlugSafety.Skeleton"/>), set with the slug once it is chosen.</summary>
    public string SlugSkeleton { get; init; } = "";
    public required string Headline { get; init; }
    public string? Subheadline { get; init; }
    public required string Excerpt { get; init; }
    public string? CustomExcerpt { get; init; }
    public required string BodyHtml { get; init; }
    public required string BodyText { get; init; }
    public string? Dateline { get; init; }
    public long SectionId { get; init; }
    public long? SourceId { get; init; }
    public required string Language { get; init; }
    public string? ImageUrl { get; init; }
    public string? ImageAlt { get; init; }
    public string? ImageCaption { get; init; }
    public string? ImageCredit { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public DateTimeOffset? EmbargoUntil { get; init; }
    public string? CanonicalUrl { get; init; }
    public int ReadingTimeMinutes { get; init; }
    public bool SyndicationAllowed { get; init; }
    public long? OwnerAuthorId { get; init; }
    public long? OwnerKeyId { get; init; }
    public DateTimeOffset Now { get; init; }
}

internal sealed record ResolvedInput(ArticleValues? Row, IReadOnlyList<long> TagIds, IReadOnlyList<long> AuthorIds, WriteResult? Error);

/// <summary>An article write's values worked out before the write transaction opens: everything that
/// costs CPU (sanitising, plain text, excerpt, reading time, search text) and needs no lookup.</summary>
public sealed record PreparedInput(ArticleValues Row, ArticleReferences References,
    IReadOnlyList<string> Tags, string? ExplicitSlug, string DerivedSlug, Search.IndexedText Search)
{
    /// <summary>An imported article's origin, recorded in the write's transaction (see <see cref="ArticleOrigin"/>).</summary>
    public ArticleOrigin? Origin { get; init; }
}

/// <summary>The section, source and authors an article names, as the editor wrote them (what error messages quote).
/// A null section or source is not looked up; the authors keep their places in the input, which errors name.</summary>
public sealed record ArticleReferences(string? Section, string? Source, IReadOnlyList<(int Index, string Slug)> Authors)
{
    /// <param name="skipBlank">Leave out blank slugs (the validator answers for those) instead of reporting them as unknown.</param>
    public static ArticleReferences From(ArticleInput input, bool skipBlank) => new(
        skipBlank && string.IsNullOrWhiteSpace(input.Section) ? null : input.Section ?? "",
        string.IsNullOrWhiteSpace(input.Source) ? null : input.Source,
        [.. (input.Authors ?? []).Select((slug, index) => (index, slug ?? "")).Where(a => !skipBlank || !string.IsNullOrWhiteSpace(a.Item2))]);
}

/// <summary>Keeps a secondary index (search) in step with article writes, inside the same transaction.</summary>
public interface IArticleIndexer
{
    /// <summary>The entry's text, worked out before the write transaction opens.</summary>
    Search.IndexedText Prepare(string headline, string? customExcerpt, string bodyText);

    Task IndexAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow article, Search.IndexedText? text, CancellationToken ct);
    Task RemoveAsync(SqliteConnection connection, SqliteTransaction tx, long articleId, CancellationToken ct);
}
