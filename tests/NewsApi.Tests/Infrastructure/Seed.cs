using System.Text.Json;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The seed page as the service embeds it (the same file as shared/seed/news-page.json): what the demo
/// content holds, and real Hindi text for the text tests.</summary>
public static class Seed
{
    private const string ResourceName = "NewsApi.Demo.news-page.json";

    private static readonly Lazy<JsonElement> Page = new(() =>
    {
        using var stream = typeof(NewsApi.Text.Excerpt).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} not found.");
        return JsonDocument.Parse(stream).RootElement.Clone();
    });

    private static readonly Lazy<string[]> ArticleParagraphs = new(() => [.. Article.GetProperty("body").EnumerateArray().Select(p => p.GetString()!)]);

    public static JsonElement Article => Page.Value.GetProperty("article");
    public static string Headline => Article.GetProperty("headline").GetString()!;
    public static IReadOnlyList<string> Paragraphs => ArticleParagraphs.Value;
    public static IReadOnlyList<string> TeaserHeadlines => [.. Page.Value.GetProperty("teasers").EnumerateArray().Select(t => t.GetProperty("headline").GetString()!)];
    public static string PreviousHeadline => Page.Value.GetProperty("previous").GetProperty("headline").GetString()!;
    public static string NextHeadline => Page.Value.GetProperty("next").GetProperty("headline").GetString()!;
}
