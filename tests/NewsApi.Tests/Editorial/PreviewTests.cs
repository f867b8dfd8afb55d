using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Preview tokens: a signed, expiring link that shows one article in any status, never cached.</summary>
[TestFixture]
public sealed class PreviewTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private long _draftA;
    private long _draftB;

    protected override DateTimeOffset? ClockStart => T0;

    protected override async Task ArrangeAsync()
    {
        _draftA = (await CreateDraftAsync(Editor, Article("पूर्वावलोकन मसौदा अ"))).GetProperty("id").GetInt64();
        _draftB = (await CreateDraftAsync(Editor, Article("पूर्वावलोकन मसौदा ब"))).GetProperty("id").GetInt64();
    }

    private static async Task<JsonElement> TokenAsync(HttpClient client, long id)
    {
        var response = await client.PostAsync($"/v1/admin/articles/{id}/preview-token", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static string Preview(string token) => "/v1/preview/" + token;

    [Test]
    public async Task Token_shows_the_draft_without_a_key_and_is_never_cached()
    {
        var issued = await TokenAsync(Editor, _draftA);
        var token = issued.GetProperty("token").GetString()!;
        var response = await Public.GetAsync(Preview(token));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        var cache = response.Headers.CacheControl;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Time(issued.GetProperty("expiresAt")), Is.EqualTo(Clock.GetUtcNow().AddHours(1)));
            Assert.That(article.GetProperty("id").GetInt64(), Is.EqualTo(_draftA));
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo("पूर्वावलोकन मसौदा अ"));
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(cache, Is.Not.Null);
            Assert.That(cache!.Private, Is.True, response.Headers.ToString());
            Assert.That(cache.NoStore, Is.True, response.Headers.ToString());
            Assert.That(cache.Public, Is.False);
            Assert.That(response.Headers.Contains("Surrogate-Key"), Is.False, "a preview must not be purgeable/cacheable at the CDN");
        }
        // The draft itself stays out of the public API.
        await (await Public.GetAsync($"/v1/articles/{_draftA}")).AssertProblemAsync(404);
    }

    [Test]
    public async Task Token_shows_only_its_own_article()
    {
        var tokenA = (await TokenAsync(Editor, _draftA)).GetProperty("token").GetString()!;
        var tokenB = (await TokenAsync(Editor, _draftB)).GetProperty("token").GetString()!;
        var a = await (await Public.GetAsync(Preview(tokenA))).JsonAsync();
        var b = await (await Public.GetAsync(Preview(tokenB))).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.GetProperty("id").GetInt64(), Is.EqualTo(_draftA));
            Assert.That(b.GetProperty("id").GetInt64(), Is.EqualTo(_draftB));
            Assert.That(tokenA, Is.Not.EqualTo(tokenB));
        }
    }

    [Test]
    public async Task Tampered_tokens_are_404()
    {
        var tokenA = (await TokenAsync(Editor, _draftA)).GetProperty("token").GetString()!;
        var tokenB = (await TokenAsync(Editor, _draftB)).GetProperty("token").GetString()!;
        var (payloadA, macA) = Split(tokenA);
        var (payloadB, _) = Split(tokenB);
        var fieldsA = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(payloadA)).Split('.'); // id.created.expires
        string Encode(string s) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(s));

        string[] tampered =
        [
            payloadB + "." + macA,                                                // B's payload with A's signature
            Encode($"{_draftB}.{fieldsA[1]}.{fieldsA[^1]}") + "." + macA,         // A's token re-pointed at B
            Encode($"{fieldsA[0]}.{fieldsA[1]}.{long.Parse(fieldsA[^1]) + 86400}") + "." + macA, // A's token with a later expiry
            payloadA + "." + Flip(macA, 0),                                       // signature altered
            Flip(payloadA, 0) + "." + macA,                                       // payload altered
            payloadA,                                                             // signature dropped
            payloadA + "." + macA + "." + macA,                                   // extra part
            payloadA + ".",
            "." + macA,
            "not-a-token",
            "%%%.###",
            new string('a', 300) + "." + macA,
        ];
        foreach (var token in tampered)
        {
            var response = await Public.GetAsync(Preview(Uri.EscapeDataString(token)));
            await response.AssertProblemAsync(404);
        }
    }

    private static (string Payload, string Mac) Split(string token)
    {
        var parts = token.Split('.');
        Assert.That(parts, Has.Length.EqualTo(2), token);
        return (parts[0], parts[1]);
    }

    private static string Flip(string s, int index)
    {
        var chars = s.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    [Test]
    public async Task Token_for_an_unknown_article_is_404()
    {
        var response = await Editor.PostAsync("/v1/admin/articles/987654/preview-token", null);
        await response.AssertProblemAsync(404);
    }

    [Test]
    public async Task Token_of_a_deleted_article_is_404()
    {
        var id = (await CreateDraftAsync(Editor, Article("मिटाया जाने वाला मसौदा"))).GetProperty("id").GetInt64();
        var token = (await TokenAsync(Editor, id)).GetProperty("token").GetString()!;
        var delete = await SendAtVersionAsync(Editor, HttpMethod.Delete, $"/v1/admin/articles/{id}", await VersionAsync(Editor, id));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        var response = await Public.GetAsync(Preview(token));
        await response.AssertProblemAsync(404);
        Assert.That(response.Headers.CacheControl?.Public, Is.Not.True);
    }

    [Test]
    public async Task Token_of_a_deleted_article_never_shows_a_later_article_that_reuses_its_id()
    {
        // SQLite hands the highest deleted id to the next row: the token must still not show that new article.
        var id = (await CreateDraftAsync(Editor, Article("हटाया गया पुराना मसौदा"))).GetProperty("id").GetInt64();
        var token = (await TokenAsync(Editor, id)).GetProperty("token").GetString()!;
        var delete = await SendAtVersionAsync(Editor, HttpMethod.Delete, $"/v1/admin/articles/{id}", await VersionAsync(Editor, id));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Clock.Advance(TimeSpan.FromSeconds(1)); // time passes between the two (tokens in other tests live an hour)
        var successor = (await CreateDraftAsync(Editor, Article("नया अनजान मसौदा"))).GetProperty("id").GetInt64();

        var response = await Public.GetAsync(Preview(token));
        Assert.That((int)response.StatusCode, Is.EqualTo(404), $"successor id {successor}: " + await response.Content.ReadAsStringAsync());
        // The successor's own token works.
        var own = (await TokenAsync(Editor, successor)).GetProperty("token").GetString()!;
        Assert.That((await Public.GetAsync(Preview(own))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_shows_scheduled_and_archived_articles_too()
    {
        var scheduled = (await CreateDraftAsync(Editor, Article("पूर्वावलोकन अनुसूचित"))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, scheduled, T0.AddDays(1));
        var archived = (await CreateDraftAsync(Editor, Article("पूर्वावलोकन संग्रहीत"))).GetProperty("id").GetInt64();
        await TransitionOkAsync(Editor, archived, "archive");
        foreach (var (id, status) in new[] { (scheduled, "scheduled"), (archived, "archived") })
        {
            var token = (await TokenAsync(Editor, id)).GetProperty("token").GetString()!;
            var article = await (await Public.GetAsync(Preview(token))).JsonAsync();
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo(status));
        }
    }

    [Test]
    public async Task Authors_may_ask_for_a_token()
    {
        using var author = await Keys.ClientForRoleAsync(Factory, "author", "ravi");
        var own = (await CreateDraftAsync(author, Article("लेखक का मसौदा"))).GetProperty("id").GetInt64();
        var token = (await TokenAsync(author, own)).GetProperty("token").GetString()!;
        Assert.That((await Public.GetAsync(Preview(token))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("partner")]
    [TestCase("reader")]
    public async Task Partner_and_reader_keys_cannot_ask_for_a_token(string role)
    {
        using var client = await Keys.ClientForRoleAsync(Factory, role);
        await (await client.PostAsync($"/v1/admin/articles/{_draftA}/preview-token", null)).AssertProblemAsync(403);
    }

    [Test]
    public async Task Asking_for_a_token_without_a_key_is_401()
    {
        await (await Public.PostAsync($"/v1/admin/articles/{_draftA}/preview-token", null)).AssertProblemAsync(401);
    }

    /// <summary>On a service of its own, so the month its clock moves is no other test's.</summary>
    [TestFixture]
    public sealed class Expiry : ApiTestBase
    {
        protected override DateTimeOffset? ClockStart => T0;

        [Test]
        public async Task Token_expires_after_one_hour_with_410()
        {
            var id = (await CreateDraftAsync(Editor, Article("समाप्त होने वाला पूर्वावलोकन"))).GetProperty("id").GetInt64();
            var token = (await TokenAsync(Editor, id)).GetProperty("token").GetString()!;

            Clock.Advance(TimeSpan.FromMinutes(59));
            Assert.That((await Public.GetAsync(Preview(token))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

            Clock.Advance(TimeSpan.FromMinutes(1));
            var expired = await Public.GetAsync(Preview(token));
            await expired.AssertProblemAsync(410);
            Assert.That(expired.Headers.CacheControl?.Public, Is.Not.True);

            Clock.Advance(TimeSpan.FromDays(30));
            await (await Public.GetAsync(Preview(token))).AssertProblemAsync(410);

            // A new token works again.
            var fresh = (await TokenAsync(Editor, id)).GetProperty("token").GetString()!;
            Assert.That((await Public.GetAsync(Preview(fresh))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
