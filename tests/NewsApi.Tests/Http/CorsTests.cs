using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>A reader site on another origin may call the API only when Cors:AllowedOrigins names it; the answer
/// cache never replays one origin's CORS headers to another.</summary>
[TestFixture]
public sealed class CorsTests : ApiTestBase
{
    private const string Site = "http://127.0.0.1:4173";

    protected override Contents StartWith => Contents.Demo;

    protected override void ConfigureSettings(Dictionary<string, string?> settings) =>
        settings["Cors:AllowedOrigins:0"] = Site;

    private async Task<HttpResponseMessage> FromAsync(string origin, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", origin);
        return await Public.SendAsync(request);
    }

    [Test]
    public async Task The_configured_origin_is_allowed_and_may_read_etag_and_link_even_from_a_kept_answer()
    {
        foreach (var _ in new[] { 1, 2 }) // the second answer comes from the answer cache
        {
            using var response = await FromAsync(Site, "/v1/teasers?limit=1");
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { Site }));
            Assert.That(string.Join(",", response.Headers.GetValues("Access-Control-Expose-Headers")), Does.Contain("ETag").And.Contain("Link"));
        }
    }

    [Test]
    public async Task Another_origin_gets_no_cors_headers_even_after_the_allowed_one_filled_the_cache()
    {
        using (await FromAsync(Site, "/v1/sections")) { }
        using var response = await FromAsync("http://evil.example", "/v1/sections");
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [Test]
    public async Task A_preflight_for_a_keyed_write_is_answered_without_a_key()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/admin/articles");
        request.Headers.Add("Origin", Site);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        using var response = await Public.SendAsync(request);
        Assert.That((int)response.StatusCode, Is.EqualTo(204));
        Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin"), Is.EqualTo(new[] { Site }));
    }
}

/// <summary>Without Cors:AllowedOrigins (the default, also in Production) no origin is allowed.</summary>
[TestFixture]
public sealed class CorsClosedByDefaultTests : ApiTestBase
{
    protected override Contents StartWith => Contents.None;

    [Test]
    public async Task No_origin_is_allowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sections");
        request.Headers.Add("Origin", "http://127.0.0.1:4173");
        using var response = await Public.SendAsync(request);
        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }
}
