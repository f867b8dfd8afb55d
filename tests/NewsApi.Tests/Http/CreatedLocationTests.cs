using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>Every Location a create answers with is something its caller can GET with the same newsroom key.</summary>
[TestFixture]
public sealed class CreatedLocationTests : ApiTestBase
{
    /// <summary>Each create with the role whose key makes it: keys are made (and read) only by admins.</summary>
    public static IEnumerable<TestCaseData> Creates()
    {
        yield return new TestCaseData("createArticle", ArticlesUrl, Article("लोकेशन जाँच की खबर"), "editor").SetArgDisplayNames("articles");
        yield return new TestCaseData("createSection", "/v1/admin/sections", new { name = "लोकेशन अनुभाग", parent = "desh" }, "editor").SetArgDisplayNames("sections");
        yield return new TestCaseData("createTag", "/v1/admin/tags", new { name = "लोकेशन टैग" }, "editor").SetArgDisplayNames("tags");
        yield return new TestCaseData("createAuthor", "/v1/admin/authors", new { name = "लोकेशन लेखक" }, "editor").SetArgDisplayNames("authors");
        yield return new TestCaseData("createSource", "/v1/admin/sources", new { name = "लोकेशन एजेंसी", url = "https://example.com/" }, "editor").SetArgDisplayNames("sources");
        yield return new TestCaseData("createKey", "/v1/admin/keys", new { name = "लोकेशन कुंजी", role = "reader" }, "admin").SetArgDisplayNames("keys");
        yield return new TestCaseData("createWebhook", "/v1/admin/webhooks", new { url = "http://127.0.0.1:9/location", events = new[] { "*" } }, "admin")
            .SetArgDisplayNames("webhooks");
    }

    [TestCaseSource(nameof(Creates))]
    public async Task A_create_points_at_what_it_created(string operationId, string url, object body, string role)
    {
        var client = role == "admin" ? Admin : Editor;
        var created = await client.PostAsJsonAsync(url, body, NewsApiFactory.Json);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{operationId}: {await created.Content.ReadAsStringAsync()}");
        Assert.That(created.Headers.Location, Is.Not.Null, operationId);
        var json = await created.JsonAsync();

        var fetched = await client.GetAsync(created.Headers.Location);
        Assert.That(fetched.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{operationId} → {created.Headers.Location}: {await fetched.Content.ReadAsStringAsync()}");
        var same = await fetched.JsonAsync();
        var key = json.TryGetProperty("id", out _) ? "id" : "slug";
        Assert.That(same.GetProperty(key).ToString(), Is.EqualTo(json.GetProperty(key).ToString()), operationId);
    }

    [Test]
    public async Task Every_create_in_the_contract_is_followed_above()
    {
        using var document = JsonDocument.Parse(await Public.GetStringAsync("/swagger/v1/swagger.json"));
        var creates = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.TryGetProperty("responses", out var responses) && responses.TryGetProperty("201", out _))
            .Select(operation => operation.Value.GetProperty("operationId").GetString()!)
            .ToList();
        var followed = Creates().Select(c => (string)c.Arguments[0]!).ToList();
        Assert.That(creates, Is.EquivalentTo(followed), "a new create endpoint needs a case in Creates()");
    }

    [Test]
    public async Task A_source_is_public_by_slug_like_authors()
    {
        var created = await Editor.PostAsJsonAsync("/v1/admin/sources", new { name = "सार्वजनिक एजेंसी", url = "https://example.org/" }, NewsApiFactory.Json);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var source = await (await Public.GetAsync("/v1/sources/" + Uri.EscapeDataString("सार्वजनिक-एजेंसी"))).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(source.GetProperty("name").GetString(), Is.EqualTo("सार्वजनिक एजेंसी"));
            Assert.That(source.GetProperty("url").GetString(), Is.EqualTo("https://example.org/"));
        }
        await (await Public.GetAsync("/v1/sources/" + Uri.EscapeDataString("कोई-नहीं"))).AssertProblemAsync(404);
    }
}
