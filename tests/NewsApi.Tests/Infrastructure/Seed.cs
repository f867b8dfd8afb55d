using System.Text.Json;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The seed page as the service embeds it (the same file as shared/seed/news-page.json).</summary>
public static class Seed
{
    private static readonly Lazy<JsonElement> Page = new(() =>
    {
        using var stream = typeof(NewsApi.Text.Excerpt).Assembly.GetManifestResourceStream("NewsApi.Demo.news-page.json")!;
        return JsonDocument.Parse(stream).RootElement.Clone();
    });

    public static JsonElement Article => Page.Value.GetProperty("article");
    public static string Headline => Article.GetProperty("headline").GetString()!;
    public static IReadOnlyList<string> Paragraphs => [.. Article.GetProperty("body").EnumerateArray().Select(p => p.GetString()!)];
    public static IReadOnlyList<string> TeaserHeadlines => [.. Page.Value.GetProperty("teasers").EnumerateArray().Select(t => t.GetProperty("headline").GetString()!)];
    public static string PreviousHeadline => Page.Value.GetProperty("previous").GetProperty("headline").GetString()!;
    public static string NextHeadline => Page.Value.GetProperty("next").GetProperty("headline").GetString()!;
}
