using System.Net;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>Cache policy comes from the route group's metadata; a request no route matched is never cached.</summary>
[TestFixture]
public sealed class CachePolicyTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo;

    [TestCase("/v1/admin/कुछ-नहीं")]
    [TestCase("/v1/articles/2/कुछ-नहीं")]
    public async Task A_path_no_route_matches_is_not_stored_by_caches(string path)
    {
        using var response = await Public.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("no-store, private"));
    }

    [Test]
    public async Task Public_and_admin_groups_declare_their_own_policy()
    {
        using var article = await Public.GetAsync("/v1/articles/2");
        using var admin = await Public.GetAsync("/v1/admin/articles");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.Headers.CacheControl?.Public, Is.True);
            Assert.That(article.Headers.CacheControl?.MaxAge, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(admin.Headers.CacheControl?.NoStore, Is.True);
        }
    }
}
