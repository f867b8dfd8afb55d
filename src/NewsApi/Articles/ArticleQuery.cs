using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Http;

namespace NewsApi.Articles;

/// <summary>Query parameters of <c>/v1/articles</c> and <c>/v1/teasers</c>.</summary>
public sealed record ArticleListQuery(
    [FromQuery(Name = "section")] [property: Description("Section slug; includes its sub-sections.")] string? Section,
    [FromQuery(Name = "tag")] [property: Description("Tag slug.")] string? Tag,
    [FromQuery(Name = "author")] [property: Description("Author slug.")] string? Author,
    [FromQuery(Name = "source")] [property: Description("Source (agency) slug.")] string? Source,
    [FromQuery(Name = "lang")] [property: Description("Language (BCP 47), e.g. hi.")] string? Lang,
    [FromQuery(Name = "publishedAfter")] [property: Description("Only articles published after this time (RFC 3339).")] DateTimeOffset? PublishedAfter,
    [FromQuery(Name = "publishedBefore")] [property: Description("Only articles published before this time (RFC 3339).")] DateTimeOffset? PublishedBefore,
    [FromQuery(Name = "limit")] [property: Description("Page size, 1..100 (default 20)."), Range(1, Paging.MaxLimit)] int? Limit,
    [FromQuery(Name = "cursor")] [property: Description("Opaque cursor from the previous page's nextCursor.")] string? Cursor)
{
    public ArticleFilter ToFilter() => new(
        Normalize(Section), Normalize(Tag), Normalize(Author), Normalize(Source), Lang, PublishedAfter, PublishedBefore);

    public int Size => Limit ?? Paging.DefaultLimit;

    /// <summary>Articles and teasers page <see cref="ArticleQueryParsing.Feed"/>; search pages its hits.</summary>
    public string? Position(CursorCodec cursors, CursorList list) => list.Position(cursors, Cursor);

    private static string? Normalize(string? slug) =>
        string.IsNullOrWhiteSpace(slug) ? null : Text.Slug.Key(slug);
}

/// <summary>The dates are bound (and refused, when malformed) by the framework, as RFC 3339 date-times.</summary>
public sealed class ArticleListQueryValidator : AbstractValidator<ArticleListQuery>
{
    public ArticleListQueryValidator(CursorCodec cursors)
    {
        RuleFor(q => q.Limit).PageLimit();
        RuleFor(q => q.Cursor).IssuedCursor(cursors);
    }
}

/// <summary>Parses the <c>cursor</c>, <c>fields</c> and <c>formats</c> parameters of article endpoints.</summary>
public static class ArticleQueryParsing
{
    /// <summary>JSON names of <see cref="Article"/>'s properties: the values <c>fields</c> accepts.</summary>
    public static IReadOnlySet<string> FieldNames { get; } = typeof(Article)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Articles and teasers page the same feed, so their cursors are interchangeable.</summary>
    public static CursorList Feed { get; } = new("feed", p => FeedPositionOf(p) is not null);

    public static FeedPosition? FeedPositionOf(string? position)
    {
        var parts = position?.Split('|');
        if (parts is [var publishedAt, var idText] && long.TryParse(idText, out var id))
        {
            try { return new FeedPosition(Data.DbTime.Parse(publishedAt), id); }
            catch (FormatException) { }
        }
        return null;
    }

    public static string NextCursor(CursorCodec codec, DateTimeOffset publishedAt, long id) =>
        codec.Encode(Feed.Name, Data.DbTime.ToText(publishedAt) + "|" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Why <paramref name="fields"/> is refused, or null.</summary>
    public static string? FieldsProblem(string? fields)
    {
        if (string.IsNullOrWhiteSpace(fields)) return null;
        var unknown = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).Where(n => !FieldNames.Contains(n)).ToList();
        return unknown.Count == 0 ? null
            : $"Unknown field(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", FieldNames.Order(StringComparer.Ordinal))}.";
    }

    /// <summary>Why <paramref name="formats"/> is refused (naming the last unknown format), or null.</summary>
    public static string? FormatsProblem(string? formats) =>
        Split(formats).LastOrDefault(f => f is not ("html" or "text" or "blocks")) is { } unknown
            ? $"Unknown format '{unknown}'. Known: html, text, blocks."
            : null;

    /// <summary>Why a list of <paramref name="limit"/> articles shown as <paramref name="view"/> asks for more bodies than
    /// <paramref name="maxBodies"/> (<see cref="ContentApiOptions.MaxBodiesPerPage"/>), or null.</summary>
    public static string? BodiesProblem(int limit, IArticleView view, int maxBodies)
    {
        var fields = Split(view.Fields);
        var formats = fields.Length > 0 && !fields.Contains("body", StringComparer.Ordinal) ? 0
            : System.Numerics.BitOperations.PopCount((uint)Formats(view.Formats));
        if (limit * formats <= maxBodies) return null;
        return $"A page of {limit} articles with {formats} body formats is {limit * formats} bodies; at most {maxBodies} per request " +
            $"(ContentApi:MaxBodiesPerPage). Ask for limit={maxBodies / formats} or fewer, fewer formats, or fields without body.";
    }

    public static BodyFormats Formats(string? formats)
    {
        var result = BodyFormats.None;
        foreach (var f in Split(formats))
        {
            result |= f switch
            {
                "html" => BodyFormats.Html,
                "text" => BodyFormats.Text,
                "blocks" => BodyFormats.Blocks,
                _ => BodyFormats.None,
            };
        }
        return result == BodyFormats.None ? BodyFormats.Html : result;
    }

    private static string[] Split(string? list) => string.IsNullOrWhiteSpace(list) ? []
        : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
