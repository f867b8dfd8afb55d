using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>/v1/admin/keys: create (secret shown once), list and get (never the secret), revoke; and lastUsedAt.</summary>
[TestFixture]
public sealed partial class KeysApiTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 13, 9, 30, 0, TimeSpan.Zero);
    protected override DateTimeOffset? ClockStart => T0;

    private Task<HttpResponseMessage> PostKeyAsync(object body) => Admin.PostAsJsonAsync("/v1/admin/keys", body, NewsApiFactory.Json);

    private async Task<JsonElement> CreateAsync(string role, string? author = null, string? name = null)
    {
        using var response = await PostKeyAsync(new { name = name ?? EditorialHttp.Unique("key"), role, author });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<(string Raw, List<JsonElement> Items)> ListAsync()
    {
        using var response = await Admin.GetAsync("/v1/admin/keys?limit=100");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), raw);
        return (raw, [.. JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())]);
    }

    private async Task<JsonElement> ListedAsync(long id) => (await ListAsync()).Items.Single(k => k.GetProperty("id").GetInt64() == id);

    [Test]
    public async Task The_key_list_pages_with_a_cursor_and_visits_each_key_once()
    {
        for (var i = 0; i < 5; i++) await CreateAsync("reader", name: $"पृष्ठ कुंजी {i}");
        var seen = new List<long>();
        var url = "/v1/admin/keys?limit=2";
        while (url is not null)
        {
            using var response = await Admin.GetAsync(url);
            var page = await response.JsonAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            var items = page.GetProperty("items").EnumerateArray().Select(k => k.GetProperty("id").GetInt64()).ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(items);
            var next = page.GetProperty("nextCursor").GetString();
            Assert.That(response.Headers.Contains("Link"), Is.EqualTo(next is not null));
            url = next is null ? null : "/v1/admin/keys?limit=2&cursor=" + Uri.EscapeDataString(next);
        }
        Assert.That(seen, Is.Unique.And.Ordered);
        Assert.That(seen, Is.EquivalentTo((await ListAsync()).Items.Select(k => k.GetProperty("id").GetInt64())));
        await (await Admin.GetAsync("/v1/admin/keys?cursor=abc")).AssertProblemAsync(400);
        await (await Admin.GetAsync("/v1/admin/keys?limit=0")).AssertProblemAsync(400);
    }

    [Test]
    public async Task A_key_name_with_a_precomposed_nukta_is_stored_nfc()
    {
        // ज़ typed precomposed (U+095B): NFC stores it as ज + nukta (U+091C U+093C).
        var created = await CreateAsync("reader", name: "\u095Bी न्यूज़ ऐप");
        var listed = await ListedAsync(created.GetProperty("id").GetInt64());
        Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo("\u091C\u093Cी न्यूज़ ऐप".Normalize()));
        Assert.That(listed.GetProperty("name").GetString()!.IsNormalized(), Is.True);
    }

    [Test]
    public async Task Admin_creates_a_key_that_is_shown_once_with_at_least_128_random_bits()
    {
        using var response = await PostKeyAsync(new { name = "  मोबाइल ऐप  ", role = "editor" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await response.JsonAsync();
        var key = created.GetProperty("key").GetString()!;
        var id = created.GetProperty("id").GetInt64();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"/v1/admin/keys/{id}"));
            Assert.That(created.GetProperty("name").GetString(), Is.EqualTo("मोबाइल ऐप"));
            Assert.That(created.GetProperty("role").GetString(), Is.EqualTo("editor"));
            Assert.That(created.GetProperty("author").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(created.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(T0));
            Assert.That(key, Does.Match("^nk_[A-Za-z0-9_-]+$"));
            Assert.That(WebEncoders.Base64UrlDecode(key[3..]), Has.Length.AtLeast(16), "at least 128 random bits after nk_");
        }
    }

    [Test]
    public async Task Keys_are_all_different()
    {
        var keys = new List<string>();
        for (var i = 0; i < 25; i++) keys.Add((await CreateAsync("reader")).GetProperty("key").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys, Is.Unique);
            Assert.That(keys.Select(k => k[3..]).SelectMany(k => k).Distinct().Count(), Is.GreaterThan(40), "the secret part should use the whole base64url alphabet");
        }
    }

    [Test]
    public async Task The_response_that_shows_the_secret_is_never_cached()
    {
        using var response = await PostKeyAsync(new { name = EditorialHttp.Unique("cache"), role = "reader" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, response.Headers.CacheControl?.ToString());
            Assert.That(response.Headers.CacheControl?.Private, Is.True, response.Headers.CacheControl?.ToString());
        }
    }

    [TestCase("Bearer")]
    [TestCase("X-Api-Key")]
    public async Task A_new_key_works_at_once_in_either_header(string header)
    {
        var key = (await CreateAsync("editor")).GetProperty("key").GetString()!;
        using var client = Factory.CreateClient();
        if (header == "Bearer") client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        else client.DefaultRequestHeaders.Add("X-Api-Key", key);
        using (Assert.EnterMultipleScope())
        {
            using var allowed = await client.GetAsync("/v1/admin/articles");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var forbidden = await client.GetAsync("/v1/admin/keys");
            await forbidden.AssertProblemAsync(403);
        }
    }

    [Test]
    public async Task A_key_for_an_author_names_the_author_and_owns_their_drafts()
    {
        var created = await CreateAsync("author", author: "sita");
        Assert.That(created.GetProperty("author").GetString(), Is.EqualTo("sita"));
        using var author = Keys.ClientWith(Factory, created.GetProperty("key").GetString());
        using var response = await EditorialHttp.CreateAsync(author, EditorialHttp.ArticleWithoutAuthors("सीता की रिपोर्ट"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("slug").GetString()), Is.EqualTo(new[] { "sita" }));
        Assert.That((await ListedAsync(created.GetProperty("id").GetInt64())).GetProperty("author").GetString(), Is.EqualTo("sita"));
    }

    [Test]
    public async Task The_list_shows_every_key_without_any_secret()
    {
        var created = new List<JsonElement> { await CreateAsync("reader"), await CreateAsync("partner"), await CreateAsync("author", "ravi") };
        var (raw, items) = await ListAsync();
        foreach (var key in created)
        {
            var secret = key.GetProperty("key").GetString()!;
            var listed = items.Single(i => i.GetProperty("id").GetInt64() == key.GetProperty("id").GetInt64());
            using (Assert.EnterMultipleScope())
            {
                Assert.That(raw, Does.Not.Contain(secret));
                Assert.That(raw, Does.Not.Contain(secret[12..]), "not even the part after the prefix");
                Assert.That(listed.EnumerateObject().Select(p => p.Name),
                    Is.EquivalentTo(new[] { "id", "name", "role", "author", "prefix", "createdAt", "lastUsedAt", "revokedAt" }));
                Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo(key.GetProperty("name").GetString()));
                Assert.That(listed.GetProperty("role").GetString(), Is.EqualTo(key.GetProperty("role").GetString()));
                Assert.That(listed.GetProperty("prefix").GetString(), Does.StartWith("nk_").And.Length.LessThan(secret.Length / 2));
                Assert.That(secret, Does.StartWith(listed.GetProperty("prefix").GetString()!));
                Assert.That(listed.GetProperty("revokedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            }
        }
    }

    [Test]
    public async Task A_revoked_key_gets_401_and_the_list_shows_when_it_was_revoked()
    {
        var created = await CreateAsync("editor");
        var id = created.GetProperty("id").GetInt64();
        using var client = Keys.ClientWith(Factory, created.GetProperty("key").GetString());
        using (var before = await client.GetAsync("/v1/admin/articles"))
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var revoke = await Admin.DeleteAsync($"/v1/admin/keys/{id}"))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await revoke.Content.ReadAsStringAsync());

        using var after = await client.GetAsync("/v1/admin/articles");
        var problem = await after.AssertProblemAsync(401);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"newsapi\""));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("revoked"));
            Assert.That((await ListedAsync(id)).GetProperty("revokedAt").GetDateTimeOffset(), Is.EqualTo(Clock.GetUtcNow()));
        }
        using var again = await Admin.DeleteAsync($"/v1/admin/keys/{id}");
        await again.AssertProblemAsync(404);
    }

    [Test]
    public async Task A_key_is_read_by_id_as_the_list_shows_it_without_any_secret()
    {
        var created = await CreateAsync("author", "ravi");
        var id = created.GetProperty("id").GetInt64();
        var secret = created.GetProperty("key").GetString()!;
        using var response = await Admin.GetAsync($"/v1/admin/keys/{id}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), raw);
        var key = JsonDocument.Parse(raw).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(raw, Does.Not.Contain(secret));
            Assert.That(raw, Does.Not.Contain(secret[12..]), "not even the part after the prefix");
            Assert.That(key.EnumerateObject().Select(p => p.Name),
                Is.EquivalentTo(new[] { "id", "name", "role", "author", "prefix", "createdAt", "lastUsedAt", "revokedAt" }), "no key, no hash");
            Assert.That(key.ToString(), Is.EqualTo((await ListedAsync(id)).ToString()));
            Assert.That(key.GetProperty("author").GetString(), Is.EqualTo("ravi"));
            Assert.That(secret, Does.StartWith(key.GetProperty("prefix").GetString()!));
            Assert.That(key.GetProperty("revokedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task A_revoked_key_is_still_read_by_id_with_when_it_was_revoked()
    {
        var id = (await CreateAsync("reader")).GetProperty("id").GetInt64();
        using (var revoke = await Admin.DeleteAsync($"/v1/admin/keys/{id}"))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await revoke.Content.ReadAsStringAsync());
        using var response = await Admin.GetAsync($"/v1/admin/keys/{id}");
        var key = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), key.ToString());
        Assert.That(key.GetProperty("revokedAt").GetDateTimeOffset(), Is.EqualTo(Clock.GetUtcNow()));
    }
}
