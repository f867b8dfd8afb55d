using System.Net;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Access;

/// <summary><c>ContentApi:RequireKey</c> off, the default: the content API is open, the admin API is not
/// (ContentApiKeyTests: on).</summary>
[TestFixture]
public sealed class ContentApiOpenByDefaultTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);

    protected override Task ArrangeAsync() => PublishedAsync(Editor, Article("खुली ख़बर"), T0);

    [Test]
    public async Task By_default_the_content_API_is_open_to_anonymous_readers()
    {
        using var client = Keys.ClientWith(Factory, null);
        using (Assert.EnterMultipleScope())
        {
            foreach (var url in new[] { "/v1/articles", "/v1/teasers", "/v1/sections", "/v1/tags" })
            {
                using var response = await client.GetAsync(url);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            }
        }
    }

    [Test]
    public async Task By_default_a_reader_key_is_accepted_too()
    {
        using var client = await Keys.ClientForRoleAsync(Factory, Roles.Reader);
        using var response = await client.GetAsync("/v1/articles");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task By_default_the_admin_API_still_needs_a_key()
    {
        using var client = Keys.ClientWith(Factory, null);
        using var response = await client.GetAsync("/v1/admin/articles");
        await response.AssertProblemAsync(401);
    }
}
