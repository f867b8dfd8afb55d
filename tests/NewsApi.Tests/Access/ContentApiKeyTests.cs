using System.Net;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Access;

/// <summary><c>ContentApi:RequireKey</c> on: every content endpoint wants a valid key of any role
/// (ContentApiOpenByDefaultTests: off, the default).</summary>
[TestFixture]
public sealed class ContentApiKeyTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);

    private long _article;
    private string _revokedKey = null!;

    private static readonly string[] ContentUrls =
    [
        "/v1/articles", "/v1/articles/{id}", "/v1/teasers", "/v1/articles/{id}/related", "/v1/articles/{id}/adjacent",
        "/v1/sections", "/v1/sections/desh", "/v1/tags", "/v1/authors", "/v1/authors/ravi", "/v1/sources",
    ];

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["ContentApi:RequireKey"] = "true";

    protected override async Task ArrangeAsync()
    {
        _article = (await PublishedAsync(Editor, Article("खुली ख़बर"), T0)).GetProperty("id").GetInt64();
        _revokedKey = await Keys.CreateAsync(Factory, Roles.Reader, name: "to revoke");
        using var revoke = await Admin.DeleteAsync($"/v1/admin/keys/{await Keys.IdAsync(Admin, "to revoke")}");
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    private string Url(string template) => template.Replace("{id}", _article.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Test]
    public async Task Required_key_without_a_key_is_401_with_a_challenge()
    {
        using var client = Keys.ClientWith(Factory, null);
        using var response = await client.GetAsync("/v1/articles");
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"newsapi\""));
    }

    [Test]
    public async Task Required_key_with_a_reader_key_is_200()
    {
        using var client = await Keys.ClientForRoleAsync(Factory, Roles.Reader);
        using var response = await client.GetAsync("/v1/articles");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var headlines = (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("headline").GetString());
        Assert.That(headlines, Is.EqualTo(new[] { "खुली ख़बर" }));
    }

    [TestCase(RoleMatrixTests.BadKey)]
    [TestCase("not-even-a-key-format")]
    public async Task Required_key_with_a_bogus_key_is_401(string key)
    {
        using var client = Keys.ClientWith(Factory, key);
        using var response = await client.GetAsync("/v1/articles");
        await response.AssertProblemAsync(401);
    }

    [Test]
    public async Task Required_key_with_a_revoked_key_is_401()
    {
        using var client = Keys.ClientWith(Factory, _revokedKey);
        using var response = await client.GetAsync("/v1/articles");
        await response.AssertProblemAsync(401);
    }

    [Test]
    public async Task Required_key_applies_to_every_content_endpoint_and_any_role_may_read()
    {
        using var anonymous = Keys.ClientWith(Factory, null);
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in Roles.All) clients[role] = await Keys.ClientForRoleAsync(Factory, role, role == Roles.Author ? "ravi" : null);
        try
        {
            using (Assert.EnterMultipleScope())
            {
                foreach (var url in ContentUrls.Select(Url))
                {
                    using var refused = await anonymous.GetAsync(url);
                    Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), url);
                    foreach (var (role, client) in clients)
                    {
                        using var allowed = await client.GetAsync(url);
                        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{role} {url}: {await allowed.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values) client.Dispose();
        }
    }

    [Test]
    public async Task Required_key_covers_every_public_path_in_the_OpenAPI_document()
    {
        using var anonymous = Keys.ClientWith(Factory, null);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync("/swagger/v1/swagger.json"))!;
        var paths = document["paths"]!.AsObject()
            .Where(p => !p.Key.StartsWith("/v1/admin", StringComparison.Ordinal) && !p.Key.StartsWith("/v1/preview", StringComparison.Ordinal))
            // Health probes answer load balancers, which hold no key.
            .Where(p => !p.Key.StartsWith("/health/", StringComparison.Ordinal))
            .Where(p => p.Value!.AsObject().ContainsKey("get"))
            .Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(ContentUrls.Where(u => !u.Contains("desh", StringComparison.Ordinal) && !u.Contains("ravi", StringComparison.Ordinal))));
        using (Assert.EnterMultipleScope())
        {
            foreach (var path in paths)
            {
                var url = System.Text.RegularExpressions.Regex.Replace(Url(path), "{[^}]+}", "x");
                using var response = await anonymous.GetAsync(url);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{path} answers without a key");
            }
        }
    }

    [Test]
    public async Task Required_key_leaves_health_and_preview_open()
    {
        using var anonymous = Keys.ClientWith(Factory, null);
        using var editor = await Keys.ClientForRoleAsync(Factory, Roles.Editor);
        using var issued = await editor.PostAsync($"/v1/admin/articles/{_article}/preview-token", null);
        Assert.That(issued.StatusCode, Is.EqualTo(HttpStatusCode.OK), await issued.Content.ReadAsStringAsync());
        var token = (await issued.JsonAsync()).GetProperty("token").GetString();
        using (Assert.EnterMultipleScope())
        {
            using var health = await anonymous.GetAsync("/health/live");
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var preview = await anonymous.GetAsync($"/v1/preview/{token}");
            Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
