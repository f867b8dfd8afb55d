using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>Builds real resources through the API (so an allowed call meets a valid request) and the
/// request each admin route is probed with.</summary>
public static class AdminRequests
{
    private static int _counter;

    /// <summary>A short ASCII token, unique in this test run, for names and slugs.</summary>
    public static string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public static HttpRequestMessage Request(HttpMethod method, string url, object? json = null, long? ifMatch = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json, options: NewsApiFactory.Json);
            if (contentType is not null) request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        if (ifMatch is { } version) request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return request;
    }

    public static object NewArticle(string headline) => new
    {
        headline,
        body = "<p>" + headline + " पर विस्तृत रिपोर्ट।</p>",
        section = "desh",
        source = "ians",
        dateline = "नई दिल्ली",
    };

    /// <summary>Creates a draft as <paramref name="owner"/> (an author key then owns it); returns its id and version.</summary>
    public static async Task<(long Id, long Version)> DraftAsync(HttpClient owner)
    {
        using var response = await owner.PostAsync("/v1/admin/articles",
            JsonContent.Create(NewArticle("मसौदा " + Unique("draft")), options: NewsApiFactory.Json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        return (article.GetProperty("id").GetInt64(), article.GetProperty("version").GetInt64());
    }

    public static async Task<(long Id, long Version)> PublishedAsync(HttpClient editor)
    {
        var (id, version) = await DraftAsync(editor);
        using var response = await editor.SendAsync(Request(HttpMethod.Post, $"/v1/admin/articles/{id}/publish", ifMatch: version));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
        return (id, article.GetProperty("version").GetInt64());
    }

    /// <summary>Creates a section, tag, author or source (<paramref name="collection"/> is the URL segment); returns its slug.</summary>
    public static async Task<string> TermAsync(HttpClient editor, string collection)
    {
        var slug = Unique(collection[..^1]);
        using var response = await editor.PostAsync($"/v1/admin/{collection}",
            JsonContent.Create(new { name = "नाम " + slug, slug }, options: NewsApiFactory.Json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return slug;
    }

    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        response.Content is null ? "" : await response.Content.ReadAsStringAsync();
}
