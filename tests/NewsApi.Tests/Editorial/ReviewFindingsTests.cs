using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Editorial;

/// <summary>Inputs a review found answering 500, and caching of keyed content.</summary>
[TestFixture]
public sealed class ReviewFindingsTests
{
    private NewsApiFactory _factory = null!;
    private HttpClient _admin = null!;
    private long _id;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new NewsApiFactory(demoContent: true);
        _admin = await Keys.ClientForRoleAsync(_factory, "admin");
        _id = (await new TestContent(_factory).DraftAsync(new()
        {
            Headline = "समीक्षा", Body = "<p>पाठ</p>", Section = "national",
        })).Id;
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    [TestCase("{\"headline\":\"क\",\"headline\":\"ख\"}")]
    [TestCase("{\"image\":{\"url\":\"http://a/b\",\"url\":\"http://a/c\"}}")]
    public async Task A_merge_patch_with_a_repeated_member_is_a_400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/admin/articles/{_id}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await _admin.SendAsync(request)).AssertProblemAsync(400);
    }

    [Test]
    public async Task Forty_thousand_related_ids_are_a_400_not_a_database_error()
    {
        var ids = string.Join(',', Enumerable.Range(1, 40_000));
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/admin/articles/{_id}/related")
        {
            Content = new StringContent("{\"articleIds\":[" + ids + "]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        var problem = await (await _admin.SendAsync(request)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("articleIds", out _), Is.True);
    }

    [Test]
    public async Task An_admin_list_cursor_is_refused_by_the_revisions_list_and_search()
    {
        var list = await (await _admin.GetAsync("/v1/admin/articles?limit=1")).JsonAsync();
        var cursor = list.GetProperty("nextCursor").GetString();
        Assert.That(cursor, Is.Not.Null);
        await (await _admin.GetAsync($"/v1/admin/articles/{_id}/revisions?cursor={cursor}")).AssertProblemAsync(400);
        await (await _admin.GetAsync($"/v1/search?q=x&cursor={cursor}")).AssertProblemAsync(400);
        Assert.That((await _admin.GetAsync($"/v1/admin/articles?limit=1&cursor={cursor}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("1")]
    [TestCase("draft,published")]
    public async Task The_admin_status_filter_takes_only_status_names(string status)
    {
        await (await _admin.GetAsync($"/v1/admin/articles?status={status}")).AssertProblemAsync(400);
    }

    [Test]
    public async Task With_require_key_the_content_api_is_never_publicly_cacheable()
    {
        using var factory = new NewsApiFactory(demoContent: true, settings: new() { ["ContentApi:RequireKey"] = "true" });
        using var reader = await Keys.ClientForRoleAsync(factory, "reader");
        var response = await reader.GetAsync("/v1/articles/2");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.CacheControl!.Public, Is.False);
        Assert.That(response.Headers.CacheControl.Private || response.Headers.CacheControl.NoStore, Is.True);
    }
}
