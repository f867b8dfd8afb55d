using System.Globalization;

namespace NewsApi.Http;

/// <summary>What a public answer is made of, for caches: <c>Last-Modified</c> (the newest change among its
/// articles) and a <c>Surrogate-Key</c> naming its articles, sections and tags, so a CDN can purge every
/// cached answer holding an article when it changes. Header values must be ASCII: slugs are percent-encoded.</summary>
public static class CacheTags
{
    internal const string LastModifiedItem = "newsapi.last-modified";

    public static void Describe(HttpContext http, DateTimeOffset? lastModified, IEnumerable<string> keys)
    {
        if (lastModified is { } at)
            http.Items[LastModifiedItem] = http.Items[LastModifiedItem] is DateTimeOffset seen && seen > at ? seen : at;
        // Adds to what an earlier call named: an answer may be described in parts.
        var earlier = http.Response.Headers["Surrogate-Key"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var value = string.Join(' ', earlier.Concat(keys).Distinct(StringComparer.Ordinal));
        if (value.Length > 0) http.Response.Headers["Surrogate-Key"] = value;
    }

    public static string Article(long id) => "article-" + id.ToString(CultureInfo.InvariantCulture);
    public static string Section(string slug) => "section-" + Uri.EscapeDataString(slug);
    public static string Tag(string slug) => "tag-" + Uri.EscapeDataString(slug);

    /// <summary>section-, tag-, author- or source- and the slug, for an item of that taxonomy list.</summary>
    public static string Term(string kind, string slug) => kind.TrimEnd('s') + "-" + Uri.EscapeDataString(slug);
}
