using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Editorial;

/// <summary>Editorial calls over HTTP, as a newsroom client makes them (with If-Match from the last answer).</summary>
public static class WorkflowHttp
{
    public static string ETag(long version) => "\"" + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";

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

    /// <summary>POST /v1/admin/articles; asserts 201 and returns the draft.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/admin/articles", body, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> GetAdminAsync(HttpClient client, long id)
    {
        var response = await client.GetAsync($"/v1/admin/articles/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<long> VersionAsync(HttpClient client, long id) => (await GetAdminAsync(client, id)).GetProperty("version").GetInt64();

    /// <summary>Sends <paramref name="method"/> with <c>If-Match</c> (when a version is given) and an optional JSON body.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, long? version, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (version is not null) request.Headers.TryAddWithoutValidation("If-Match", ETag(version.Value));
        if (body is not null) request.Content = JsonContent.Create(body, options: NewsApiFactory.Json);
        return await client.SendAsync(request);
    }

    /// <summary>POST …/{id}/{action} (publish, unpublish, archive) with the current version; the raw answer.</summary>
    public static async Task<HttpResponseMessage> TransitionAsync(HttpClient client, long id, string action, object? body = null) =>
        await SendAsync(client, HttpMethod.Post, $"/v1/admin/articles/{id}/{action}", await VersionAsync(client, id), body);

    /// <summary>POST …/{id}/{action}; asserts 200 and returns the article.</summary>
    public static async Task<JsonElement> TransitionOkAsync(HttpClient client, long id, string action, object? body = null)
    {
        var response = await TransitionAsync(client, id, action, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{action} {id}: " + await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<JsonElement> PublishAsync(HttpClient client, long id, DateTimeOffset? publishAt = null) =>
        TransitionOkAsync(client, id, "publish", publishAt is null ? null : new { publishAt });

    /// <summary>PUT …/{id}/related with the current version; the raw answer.</summary>
    public static async Task<HttpResponseMessage> SetRelatedAsync(HttpClient client, long id, IEnumerable<long> articleIds) =>
        await SendAsync(client, HttpMethod.Put, $"/v1/admin/articles/{id}/related", await VersionAsync(client, id), new { articleIds = articleIds.ToArray() });

    /// <summary>The ids in a public list (<c>{items}</c>) answer; asserts 200.</summary>
    public static async Task<List<long>> IdsAsync(HttpClient client, string url, string member = "items")
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        return [.. json.GetProperty(member).EnumerateArray().Select(a => a.GetProperty("id").GetInt64())];
    }

    public static DateTimeOffset Time(JsonElement element) => element.GetDateTimeOffset();
}
