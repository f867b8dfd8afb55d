using System.Net;
using NewsApi.Http;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>Every answer, errors included, says nosniff and carries a Content-Security-Policy; Kestrel does not
/// name itself.</summary>
[TestFixture]
public sealed class SecurityHeadersTests : ApiTestBase
{
    [TestCase("/v1/articles", HttpStatusCode.OK)]
    [TestCase("/v1/articles/999999", HttpStatusCode.NotFound)]
    [TestCase("/v1/articles?limit=0", HttpStatusCode.BadRequest)]
    [TestCase("/v1/admin/articles", HttpStatusCode.Unauthorized)]
    [TestCase("/no/such/route", HttpStatusCode.NotFound)]
    [TestCase("/feeds/rss.xml", HttpStatusCode.OK)]
    public async Task Api_answers_are_nosniff_and_may_not_load_anything(string url, HttpStatusCode status)
    {
        using var response = await Public.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(status));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(response.Headers.GetValues("Content-Security-Policy"), Is.EqualTo(new[] { SecurityHeadersMiddleware.ApiPolicy }));
            Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }));
        }
    }

    [Test]
    public async Task The_swagger_ui_may_run_only_its_own_scripts()
    {
        using var response = await Public.GetAsync("/swagger/index.html");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("script-src 'self'").And.Not.Contain("unsafe-eval"));
        // The page's scripts are files, so 'self' is all it needs: an inline one would be blocked by the policy.
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Match("<script>(?!</script>)"));
    }

    [Test]
    public async Task Kestrel_sends_no_server_header()
    {
        var db = Path.Combine(Path.GetTempPath(), $"newsapi-headers-{Guid.NewGuid():N}.db");
        try
        {
            await using var service = await ServiceProcess.StartAsync(db);
            using var client = service.Client();
            using var response = await client.GetAsync("/v1/articles");
            Assert.That(response.Headers.Server, Is.Empty);
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        }
    }
}
