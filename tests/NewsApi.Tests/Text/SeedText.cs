using System.Text.Json;

namespace NewsApi.Tests.Text;

/// <summary>The seed article, read from the copy embedded in the NewsApi assembly.</summary>
internal static class SeedText
{
    public const string ResourceName = "NewsApi.Demo.news-page.json";

    private static readonly Lazy<(string Headline, string[] Body)> Article = new(Load);

    public static string Headline => Article.Value.Headline;

    public static IReadOnlyList<string> Body => Article.Value.Body;

    private static (string, string[]) Load()
    {
        using var stream = typeof(NewsApi.Text.Excerpt).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} not found.");
        using var doc = JsonDocument.Parse(stream);
        var article = doc.RootElement.GetProperty("article");
        var headline = article.GetProperty("headline").GetString()!;
        var body = article.GetProperty("body").EnumerateArray().Select(p => p.GetString()!).ToArray();
        return (headline, body);
    }
}
