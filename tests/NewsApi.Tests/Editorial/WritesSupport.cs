using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Editorial;

/// <summary>HTTP helpers shared by the article write fixtures (Writes, Concurrency, Validation,
/// Sanitisation, Revisions): every request goes through the real API with a real key.</summary>
internal static class ArticleWriteRequests
{
    public const string ArticlesUrl = "/v1/admin/articles";
    public const string MergePatchType = "application/merge-patch+json";

    /// <summary>A valid article write body as a dictionary, so tests can add, drop or break any member.</summary>
    public static Dictionary<string, object?> Input(string headline, string section = "desh", string[]? tags = null) => new()
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

    public static string ETagOf(HttpResponseMessage response) => response.Headers.ETag?.Tag ?? "";

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, object body) =>
        client.PostAsJsonAsync(ArticlesUrl, body, NewsApiFactory.Json);

    /// <summary>Creates a draft and returns its id and ETag, asserting the 201.</summary>
    public static async Task<(long Id, string ETag)> CreatedAsync(HttpClient client, object body)
    {
        var response = await CreateAsync(client, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        return (article.GetProperty("id").GetInt64(), ETagOf(response));
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null,
        string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, NewsApiFactory.Json);
            request.Content = new StringContent(text, Encoding.UTF8, contentType);
        }
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, long id, object patch, string? ifMatch, string contentType = MergePatchType) =>
        SendAsync(client, HttpMethod.Patch, $"{ArticlesUrl}/{id}", patch, ifMatch, contentType);

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, long id, object body, string? ifMatch) =>
        SendAsync(client, HttpMethod.Put, $"{ArticlesUrl}/{id}", body, ifMatch);

    public static Task<HttpResponseMessage> DeleteAsync(HttpClient client, long id, string? ifMatch) =>
        SendAsync(client, HttpMethod.Delete, $"{ArticlesUrl}/{id}", null, ifMatch);

    /// <summary>Publishes now; returns the new ETag.</summary>
    public static async Task<string> PublishAsync(HttpClient client, long id, string ifMatch)
    {
        var response = await SendAsync(client, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", null, ifMatch);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return ETagOf(response);
    }

    /// <summary>GET /v1/admin/articles/{id}: the article and its ETag, asserting the 200.</summary>
    public static async Task<(JsonElement Article, string ETag)> GetAdminAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"{ArticlesUrl}/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync(), ETagOf(response));
    }

    /// <summary>Every article the admin list shows, any status (pages through with the cursor).</summary>
    public static async Task<int> CountAdminArticlesAsync(HttpClient client)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var url = $"{ArticlesUrl}?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var response = await client.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return count;
    }

    public static async Task<int> CountRevisionsAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"{ArticlesUrl}/{id}/revisions?limit=100");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("items").GetArrayLength();
    }

    public static IReadOnlyList<string> Strings(JsonElement array, string? property = null) =>
        [.. array.EnumerateArray().Select(e => (property is null ? e : e.GetProperty(property)).GetString()!)];

    /// <summary>Devanagari digits: 12 → १२.</summary>
    public static string DevanagariNumber(int n) =>
        string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('\u0966' + (c - '0'))));
}
