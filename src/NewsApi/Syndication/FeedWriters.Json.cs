using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Syndication;

/// <summary>JSON Feed 1.1 (https://jsonfeed.org/version/1.1), serialised from the records below by System.Text.Json.</summary>
public sealed class JsonFeedFormat : IFeedFormat
{
    public const string Version = "https://jsonfeed.org/version/1.1";

    private static readonly JsonSerializerOptions Options = new()
    {
        // Devanagari and HTML as themselves, not \u escapes: a feed is read by people and tools, never embedded in a page.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // JSON Feed leaves out what an item does not have; it defines no nulls.
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new UtcDateTimeOffsetConverter() },
    };

    public static string MediaType => "application/feed+json";

    public static Type Schema => typeof(JsonFeed);

    public static byte[] Write(FeedHead head, IReadOnlyList<Article> articles) =>
        JsonSerializer.SerializeToUtf8Bytes(ToFeed(head, articles), Options);

    public static JsonFeed ToFeed(FeedHead head, IReadOnlyList<Article> articles) => new(
        Version, head.Title, head.HomeUrl, head.SelfUrl, head.Description, FeedHead.Language,
        [new JsonFeedAuthor(head.Publisher, head.HomeUrl)],
        [.. articles.Select(a => new JsonFeedItem(
            head.ArticleId(a.Id), a.Url, a.Headline, a.Body.Html ?? "", a.Excerpt, a.Image?.Url,
            a.PublishedAt ?? a.UpdatedAt, a.UpdatedAt,
            a.Authors.Count == 0 ? null : [.. a.Authors.Select(p => new JsonFeedAuthor(p.Name, null))],
            [a.Section.Name, .. a.Tags.Select(t => t.Name)], a.Language))]);
}

/// <summary>A JSON Feed 1.1 document (<c>application/feed+json</c>).</summary>
[NewsApi.OpenApi.OmitsNullMembers]
public sealed record JsonFeed(
    [property: JsonPropertyName("version"), Description("Always https://jsonfeed.org/version/1.1.")] string Version,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("home_page_url"), Description("The website.")] string HomePageUrl,
    [property: JsonPropertyName("feed_url"), Description("This feed's own address.")] string FeedUrl,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("authors"), Description("The publisher.")] IReadOnlyList<JsonFeedAuthor> Authors,
    [property: JsonPropertyName("items"), Description("Newest first, at most 50.")] IReadOnlyList<JsonFeedItem> Items);

[NewsApi.OpenApi.OmitsNullMembers]
public sealed record JsonFeedItem(
    [property: JsonPropertyName("id"), Description("Permanent id (a tag: URI from the article id): the same after a slug change.")] string Id,
    [property: JsonPropertyName("url"), Description("The article on the website.")] string Url,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("content_html"), Description("The full body, sanitised HTML.")] string ContentHtml,
    [property: JsonPropertyName("summary"), Description("The excerpt, plain text.")] string Summary,
    [property: JsonPropertyName("image"), Description("The article's main image.")] string? Image,
    [property: JsonPropertyName("date_published"), Description("RFC 3339, UTC.")] DateTimeOffset DatePublished,
    [property: JsonPropertyName("date_modified"), Description("RFC 3339, UTC.")] DateTimeOffset DateModified,
    [property: JsonPropertyName("authors"), Description("Bylines; left out when there is none.")] IReadOnlyList<JsonFeedAuthor>? Authors,
    [property: JsonPropertyName("tags"), Description("The section's name, then the tags' names.")] IReadOnlyList<string> Tags,
    [property: JsonPropertyName("language"), Description("BCP 47.")] string Language);

[NewsApi.OpenApi.OmitsNullMembers]
public sealed record JsonFeedAuthor(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("url")] string? Url);
