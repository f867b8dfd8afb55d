using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The one way tests create content: through the editorial API with a real key, as a newsroom client
/// does, so what a test reads was written by the same path as in production.</summary>
public static partial class EditorialHttp
{
    private static int _uniqueCounter;

    /// <summary>A short ASCII token, unique in this test run, for names and slugs.</summary>
    public static string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref _uniqueCounter)}-{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Devanagari digits: 12 → १२.</summary>
    public static string DevanagariNumber(int n) =>
        string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => (char)('\u0966' + (c - '0'))));

    // Three article bodies rather than one: tests rely on where they differ (default tags, subheadline and
    // language, no authors), so merging them would change what those tests send.

    /// <summary>A Hindi article body for POST/PUT /v1/admin/articles.</summary>
    public static Dictionary<string, object?> Article(string headline, string section = "desh", string[]? tags = null,
        DateTimeOffset? embargoUntil = null, string source = "ians", string[]? authors = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["headline"] = headline,
            ["body"] = "<p>" + headline + " पर विस्तृत रिपोर्ट। सरकार ने कहा कि काम जारी है।</p>",
            ["dateline"] = "नई दिल्ली",
            ["section"] = section,
            ["tags"] = tags ?? [],
            ["authors"] = authors ?? ["ravi"],
            ["source"] = source,
        };
        if (embargoUntil is not null) body["embargoUntil"] = embargoUntil;
        return body;
    }

    /// <summary>An article body with the optional members write tests read back or break as well (subheadline,
    /// language, a tag).</summary>
    public static Dictionary<string, object?> FullArticle(string headline, string section = "desh", string[]? tags = null) => new()
    {
        ["headline"] = headline,
        ["subheadline"] = "उप-शीर्षक: " + headline,
        ["body"] = "<p>" + headline + " पर विस्तृत रिपोर्ट। राष्ट्रपति ने कहा कि क्षेत्रीय सहयोग ज़रूरी है।</p>",
        ["dateline"] = "नई दिल्ली",
        ["section"] = section,
        ["tags"] = tags ?? new[] { "भारत" },
        ["authors"] = new[] { "ravi" },
        ["source"] = "ians",
        ["language"] = "hi",
    };

    /// <summary>An article body that names no authors, so a draft written with an author key is bylined to that key's author.</summary>
    public static object ArticleWithoutAuthors(string headline) => new
    {
        headline,
        body = "<p>" + headline + " पर विस्तृत रिपोर्ट।</p>",
        section = "desh",
        source = "ians",
        dateline = "नई दिल्ली",
    };

    /// <summary>A copy of an article body with <paramref name="member"/> set, e.g. <c>Article("…").With("language", "hi-IN")</c>.</summary>
    public static Dictionary<string, object?> With(this Dictionary<string, object?> article, string member, object? value) =>
        new(article) { [member] = value };

    /// <summary>POST /v1/admin/articles; the raw answer.</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, object body) =>
        client.PostAsJsonAsync(ArticlesUrl, body, NewsApiFactory.Json);

    /// <summary>POST /v1/admin/articles; asserts 201 and returns the draft.</summary>
    public static async Task<JsonElement> CreateDraftAsync(HttpClient client, object body) => (await PostExpectingCreatedAsync(client, body)).Draft;

    /// <summary>Creates a draft and returns its id and ETag, asserting the 201.</summary>
    public static async Task<(long Id, string ETag)> CreatedAsync(HttpClient client, object body)
    {
        var (draft, etag) = await PostExpectingCreatedAsync(client, body);
        return (draft.GetProperty("id").GetInt64(), etag);
    }

    /// <summary>Creates a draft as <paramref name="owner"/> (an author key then owns it); returns its id and version.</summary>
    public static async Task<(long Id, long Version)> DraftAsync(HttpClient owner)
    {
        var draft = await CreateDraftAsync(owner, ArticleWithoutAuthors("मसौदा " + Unique("draft")));
        return (draft.GetProperty("id").GetInt64(), draft.GetProperty("version").GetInt64());
    }

    /// <summary>A draft published now by <paramref name="editor"/>; returns its id and version.</summary>
    public static async Task<(long Id, long Version)> PublishedAsync(HttpClient editor)
    {
        var (id, version) = await DraftAsync(editor);
        using var response = await SendAtVersionAsync(editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", version);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
        return (id, article.GetProperty("version").GetInt64());
    }

    /// <summary>A new article published at <paramref name="publishedAt"/>, which has passed (publishing back-dates
    /// it); returns the article.</summary>
    public static async Task<JsonElement> PublishedAsync(HttpClient editor, object body, DateTimeOffset publishedAt)
    {
        var (id, etag) = await CreatedAsync(editor, body);
        using var response = await SendAsync(editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", new { publishAt = publishedAt }, etag);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"), "test setup: a publication time still to come schedules instead");
        return article;
    }

    /// <summary>Creates a section, tag, author or source (<paramref name="collection"/> is the URL segment); returns its slug.</summary>
    public static async Task<string> TermAsync(HttpClient editor, string collection)
    {
        var slug = Unique(collection[..^1]);
        using var response = await editor.PostAsJsonAsync($"/v1/admin/{collection}", new { name = "नाम " + slug, slug }, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return slug;
    }

    private static async Task<(JsonElement Draft, string ETag)> PostExpectingCreatedAsync(HttpClient client, object body)
    {
        using var response = await CreateAsync(client, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync(), ETagOf(response));
    }
}
