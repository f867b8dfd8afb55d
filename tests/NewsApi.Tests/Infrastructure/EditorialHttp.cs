using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace NewsApi.Tests.Infrastructure;

/// <summary>Editorial calls over HTTP, as a newsroom client makes them: every request goes through the real
/// API with a real key, writes carry If-Match. This file: building and sending requests, calls on an existing
/// article, reading answers. EditorialHttp.Fixtures.cs: creating content (article bodies, drafts, published
/// articles, terms) — the only way tests do; the taxonomy every test starts with is CommonTaxonomy.</summary>
public static partial class EditorialHttp
{
    public const string ArticlesUrl = "/v1/admin/articles";
    public const string JsonType = "application/json";
    public const string MergePatchType = "application/merge-patch+json";

    /// <summary>The strong ETag the API gives a resource at <paramref name="version"/>: 3 → "3" (quotes included).</summary>
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    /// <summary>The version part of an answer's ETag, as If-Match reads it: "3" from a write's "3" or from a
    /// GET's "3.hash" (the hash covers what the version does not; LastModifiedTests checks it).</summary>
    public static string ETagOf(HttpResponseMessage response) => VersionPart(response.Headers.ETag?.Tag ?? "");

    public static string VersionPart(string etag) => etag.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? etag[..dot] + "\"" : etag;

    /// <summary>A request with an optional body and <c>If-Match</c>. <paramref name="ifMatch"/> is the header value
    /// as sent (an ETag, a list, <c>*</c> or garbage), so tests can send a stale or unusable one. A string body is
    /// sent as is (so tests can send malformed or hand-written JSON); any other body is serialised.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string url, object? body = null, string? ifMatch = null, string contentType = JsonType)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var text = body as string ?? JsonSerializer.Serialize(body, NewsApiFactory.Json);
            request.Content = new StringContent(text, Encoding.UTF8, contentType);
        }
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    /// <summary>Sends <see cref="Request"/>; the raw answer.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null,
        string? ifMatch = null, string contentType = JsonType)
    {
        using var request = Request(method, url, body, ifMatch, contentType);
        return await client.SendAsync(request);
    }

    /// <summary>Sends with <c>If-Match</c> for <paramref name="version"/> (none when null); the raw answer.</summary>
    public static Task<HttpResponseMessage> SendAtVersionAsync(HttpClient client, HttpMethod method, string url, long? version, object? body = null) =>
        SendAsync(client, method, url, body, version is { } v ? ETag(v) : null);

    /// <summary>GET /v1/admin/articles/{id}: the article, asserting the 200.</summary>
    public static async Task<JsonElement> GetAdminAsync(HttpClient client, long id) => (await GetAdminWithETagAsync(client, id)).Article;

    /// <summary>GET /v1/admin/articles/{id}: the article and its ETag, asserting the 200.</summary>
    public static async Task<(JsonElement Article, string ETag)> GetAdminWithETagAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"{ArticlesUrl}/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync(), ETagOf(response));
    }

    public static async Task<long> VersionAsync(HttpClient client, long id) => (await GetAdminAsync(client, id)).GetProperty("version").GetInt64();

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, long id, object patch, string? ifMatch, string contentType = MergePatchType) =>
        SendAsync(client, HttpMethod.Patch, $"{ArticlesUrl}/{id}", patch, ifMatch, contentType);

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, long id, object body, string? ifMatch) =>
        SendAsync(client, HttpMethod.Put, $"{ArticlesUrl}/{id}", body, ifMatch);

    public static Task<HttpResponseMessage> DeleteAsync(HttpClient client, long id, string? ifMatch) =>
        SendAsync(client, HttpMethod.Delete, $"{ArticlesUrl}/{id}", null, ifMatch);

    /// <summary>Publishes now with the given <c>If-Match</c>, asserting the 200; returns the new ETag.</summary>
    public static async Task<string> PublishWithETagAsync(HttpClient client, long id, string ifMatch)
    {
        var response = await SendAsync(client, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", null, ifMatch);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return ETagOf(response);
    }

    /// <summary>POST …/{id}/{action} (publish, unpublish, archive) with the current version; the raw answer.</summary>
    public static async Task<HttpResponseMessage> TransitionAsync(HttpClient client, long id, string action, object? body = null) =>
        await SendAtVersionAsync(client, HttpMethod.Post, $"{ArticlesUrl}/{id}/{action}", await VersionAsync(client, id), body);

    /// <summary>POST …/{id}/{action}; asserts 200 and returns the article.</summary>
    public static async Task<JsonElement> TransitionOkAsync(HttpClient client, long id, string action, object? body = null)
    {
        var response = await TransitionAsync(client, id, action, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{action} {id}: " + await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>Publishes with the current version (scheduled when <paramref name="publishAt"/> is later than now); returns the article.</summary>
    public static Task<JsonElement> PublishAsync(HttpClient client, long id, DateTimeOffset? publishAt = null) =>
        TransitionOkAsync(client, id, "publish", publishAt is null ? null : new { publishAt });

    /// <summary>PUT …/{id}/related with the current version; the raw answer.</summary>
    public static async Task<HttpResponseMessage> SetRelatedAsync(HttpClient client, long id, IEnumerable<long> articleIds) =>
        await SendAtVersionAsync(client, HttpMethod.Put, $"{ArticlesUrl}/{id}/related", await VersionAsync(client, id), new { articleIds = articleIds.ToArray() });

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

    /// <summary>The ids in a list answer (<c>{items}</c> unless <paramref name="member"/> says otherwise); asserts 200.</summary>
    public static async Task<List<long>> IdsAsync(HttpClient client, string url, string member = "items")
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        return [.. json.GetProperty(member).EnumerateArray().Select(a => a.GetProperty("id").GetInt64())];
    }

    /// <summary>The body as text, "" when there is none (for assertion messages).</summary>
    public static async Task<string> BodyAsync(HttpResponseMessage response) =>
        response.Content is null ? "" : await response.Content.ReadAsStringAsync();

    public static IReadOnlyList<string> Strings(JsonElement array, string? property = null) =>
        [.. array.EnumerateArray().Select(e => (property is null ? e : e.GetProperty(property)).GetString()!)];

    public static DateTimeOffset Time(JsonElement element) => element.GetDateTimeOffset();
}
