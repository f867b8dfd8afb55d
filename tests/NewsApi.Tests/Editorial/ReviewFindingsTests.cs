using System.Net;
using System.Net.Http.Headers;
using System.Text;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Inputs a review found answering 500, and caching of keyed content.</summary>
[TestFixture]
public sealed class ReviewFindingsTests : ApiTestBase
{
    private long _id;

    protected override Contents StartWith => Contents.Demo;

    protected override async Task ArrangeAsync() =>
        _id = (await CreateDraftAsync(Editor, new { headline = "समीक्षा", body = "<p>पाठ</p>", section = "national" })).GetProperty("id").GetInt64();

    [TestCase("{\"headline\":\"क\",\"headline\":\"ख\"}")]
    [TestCase("{\"image\":{\"url\":\"http://a/b\",\"url\":\"http://a/c\"}}")]
    public async Task A_merge_patch_with_a_repeated_member_is_a_400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/v1/admin/articles/{_id}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        await (await Admin.SendAsync(request)).AssertProblemAsync(400);
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
        var problem = await (await Admin.SendAsync(request)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("articleIds", out _), Is.True);
    }

    [Test]
    public async Task An_admin_list_cursor_is_refused_by_the_revisions_list_and_search()
    {
        var list = await (await Admin.GetAsync("/v1/admin/articles?limit=1")).JsonAsync();
        var cursor = list.GetProperty("nextCursor").GetString();
        Assert.That(cursor, Is.Not.Null);
        await (await Admin.GetAsync($"/v1/admin/articles/{_id}/revisions?cursor={cursor}")).AssertProblemAsync(400);
        await (await Admin.GetAsync($"/v1/search?q=x&cursor={cursor}")).AssertProblemAsync(400);
        Assert.That((await Admin.GetAsync($"/v1/admin/articles?limit=1&cursor={cursor}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("1")]
    [TestCase("draft,published")]
    public async Task The_admin_status_filter_takes_only_status_names(string status)
    {
        await (await Admin.GetAsync($"/v1/admin/articles?status={status}")).AssertProblemAsync(400);
    }

    [TestFixture]
    public sealed class KeyRequired : ApiTestBase
    {
        protected override Contents StartWith => Contents.Demo;

        protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["ContentApi:RequireKey"] = "true";

        [Test]
        public async Task With_require_key_the_content_api_is_never_publicly_cacheable()
        {
            using var reader = await Keys.ClientForRoleAsync(Factory, "reader");
            var response = await reader.GetAsync("/v1/articles/2");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.CacheControl!.Public, Is.False);
            Assert.That(response.Headers.CacheControl.Private || response.Headers.CacheControl.NoStore, Is.True);
        }
    }
}
