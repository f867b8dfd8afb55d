using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
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
    [FromQuery(Name = "limit")] [property: Description("Page size, 1..100 (default 20).")] int? Limit,
    [FromQuery(Name = "cursor")] [property: Description("Opaque cursor from the previous page's nextCursor.")] string? Cursor)
{
    public ArticleFilter ToFilter() => new(
        Normalize(Section), Normalize(Tag), Normalize(Author), Normalize(Source), Lang, PublishedAfter, PublishedBefore);

    private static string? Normalize(string? slug) =>
        string.IsNullOrWhiteSpace(slug) ? null : Text.Slug.Key(slug);
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
    private const string FeedList = "feed";

    public static FeedPosition? Position(CursorCodec codec, string? cursor, Dictionary<string, string[]> errors)
    {
        if (cursor is null) return null;
        if (codec.TryDecode(FeedList, cursor, out string position))
        {
            var parts = position.Split('|');
            if (parts.Length == 2 && long.TryParse(parts[1], out var id))
            {
                try { return new FeedPosition(Data.DbTime.Parse(parts[0]), id); }
                catch (FormatException) { }
            }
        }
        errors["cursor"] = [CursorCodec.Invalid];
        return null;
    }

    public static string NextCursor(CursorCodec codec, DateTimeOffset publishedAt, long id) =>
        codec.Encode(FeedList, Data.DbTime.ToText(publishedAt) + "|" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IReadOnlySet<string>? Fields(string? fields, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(fields)) return null;
        var names = fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var unknown = names.Where(n => !FieldNames.Contains(n)).ToList();
        if (unknown.Count > 0)
            errors["fields"] = [$"Unknown field(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", FieldNames.Order(StringComparer.Ordinal))}."];
        names.Add("id");
        return names;
    }

    public static BodyFormats Formats(string? formats, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(formats)) return BodyFormats.Html;
        var result = BodyFormats.None;
        foreach (var f in formats.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (f)
            {
                case "html": result |= BodyFormats.Html; break;
                case "text": result |= BodyFormats.Text; break;
                case "blocks": result |= BodyFormats.Blocks; break;
                default:
                    errors["formats"] = [$"Unknown format '{f}'. Known: html, text, blocks."];
                    break;
            }
        }
        return result == BodyFormats.None ? BodyFormats.Html : result;
    }
}
