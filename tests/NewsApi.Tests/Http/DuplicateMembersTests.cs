using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>A JSON body that names a member twice is refused on every write, as a merge patch always refused it:
/// which value a client meant, and which one a proxy in front of the service checked, is anyone's guess.</summary>
[TestFixture]
public sealed class DuplicateMembersTests : ApiTestBase
{
    private const string TwoHeadlines = """
        {"headline": "पहला शीर्षक", "headline": "<script>दूसरा</script>", "section": "desh", "body": "<p>पाठ</p>"}
        """;

    [Test]
    public async Task Post_with_a_member_twice_is_400_naming_it_and_writes_nothing()
    {
        var before = await CountAdminArticlesAsync(Editor);
        var problem = await (await SendAsync(Editor, HttpMethod.Post, ArticlesUrl, TwoHeadlines)).AssertProblemAsync(400);
        Assert.That(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("headline", out _), Is.True, problem.ToString());
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [Test]
    public async Task Post_with_a_nested_member_twice_is_400()
    {
        const string body = """
            {"headline": "चित्र वाली ख़बर", "section": "desh", "image": {"url": "https://example.com/a.jpg", "url": "javascript:alert(1)"}}
            """;
        var problem = await (await SendAsync(Editor, HttpMethod.Post, ArticlesUrl, body)).AssertProblemAsync(400);
        Assert.That(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("image.url", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Put_with_a_member_twice_is_400()
    {
        var (id, etag) = await CreatedAsync(Editor, Article("दोहराव से पहले"));
        var problem = await (await SendAsync(Editor, HttpMethod.Put, $"{ArticlesUrl}/{id}", TwoHeadlines, etag)).AssertProblemAsync(400);
        Assert.That(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("headline", out _), Is.True, problem.ToString());
        Assert.That((await GetAdminAsync(Editor, id)).GetProperty("headline").GetString(), Is.EqualTo("दोहराव से पहले"));
    }

    [Test]
    public async Task Patch_with_a_member_twice_is_400_as_before()
    {
        var (id, etag) = await CreatedAsync(Editor, Article("पैच दोहराव"));
        await (await PatchAsync(Editor, id, """{"headline": "एक", "headline": "दो"}""", etag)).AssertProblemAsync(400);
    }

    [Test]
    public async Task Taxonomy_post_with_a_member_twice_is_400()
    {
        using var response = await SendAsync(Editor, HttpMethod.Post, "/v1/admin/sections", """{"name": "खेल जगत", "name": "राजनीति"}""");
        await response.AssertProblemAsync(400);
    }
}
