using System.Net;
using System.Text;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Syndication;

/// <summary>GET /v1/syndication/articles/{id}: IPTC ninjs 2.2 for public articles whose syndication is allowed,
/// one 404 for everything else, partner and admin keys only.</summary>
public sealed class PartnerApiTests : ApiTestBase
{
    private HttpClient _partner = null!;

    protected override async Task ArrangeAsync() => _partner = await ClientAsync("partner");

    private async Task<long> SyndicatedAsync(Dictionary<string, object?> body)
    {
        var id = (await CreateDraftAsync(Editor, body)).GetProperty("id").GetInt64();
        await PublishAsync(Editor, id);
        return id;
    }

    [Test]
    public async Task A_syndicated_article_is_a_valid_ninjs_document_with_its_Hindi_intact()
    {
        var relatedId = await SyndicatedAsync(Article("संबंधित ख़बर " + Unique("rel")));
        // Decomposed क़ (क + nukta) and precomposed ज़ (U+095B): stored, and so served, as NFC.
        var headline = "किम जोंग उन की क़\u093Cतार में ज\u093Cिंदगी " + Unique("ninjs");
        var body = FullArticle(headline, tags: ["भारत", "कूटनीति"]);
        body["authors"] = new[] { "ravi", "sita" };
        body["image"] = new { url = "https://cdn.example.com/तस्वीरें/सियोल.jpg", alt = "सियोल का दृश्य", caption = "राजधानी सियोल", credit = "फ़ोटो: आईएएनएस", width = 1200, height = 800 };
        var id = await SyndicatedAsync(body);
        Assert.That((await SetRelatedAsync(Editor, id, [relatedId])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var admin = await GetAdminAsync(Editor, id);

        using var response = await _partner.GetAsync($"/v1/syndication/articles/{id}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), raw);
        var doc = JsonDocument.Parse(raw).RootElement;
        NinjsSchema.AssertValid(doc, "the ninjs answer");
        var nfcHeadline = headline.Normalize(NormalizationForm.FormC);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.CacheControl is { Private: true, NoStore: true }, Is.True, "private, no-store");
            Assert.That(response.Headers.ETag, Is.Not.Null);
            Assert.That(doc.GetProperty("uri").GetString(), Is.EqualTo($"urn:newsapi:article:{id}"));
            Assert.That(doc.GetProperty("version").GetString(), Is.EqualTo(admin.GetProperty("version").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(doc.GetProperty("headlines")[0].GetProperty("value").GetString(), Is.EqualTo(nfcHeadline));
            Assert.That(doc.GetProperty("headlines")[1].GetProperty("role").GetString(), Is.EqualTo("sub"));
            Assert.That(doc.GetProperty("located").GetString(), Is.EqualTo("नई दिल्ली"));
            Assert.That(doc.GetProperty("by").GetString(), Is.EqualTo("रवि कुमार, सीता शर्मा"));
            Assert.That(doc.GetProperty("copyrightholder").GetString(), Is.EqualTo("आईएएनएस"));
            Assert.That(doc.GetProperty("infosources")[0].GetProperty("literal").GetString(), Is.EqualTo("ians"));
            Assert.That(doc.GetProperty("language").GetString(), Is.EqualTo("hi"));
            Assert.That(doc.GetProperty("pubstatus").GetString(), Is.EqualTo("usable"));
            Assert.That(Strings(doc.GetProperty("subjects"), "name"), Is.EqualTo(new[] { "देश", "भारत", "कूटनीति" }));
            Assert.That(Strings(doc.GetProperty("subjects"), "rel"), Is.EqualTo(new[] { "section", "tag", "tag" }));
            Assert.That(doc.GetProperty("descriptions")[0].GetProperty("value").GetString(), Is.EqualTo(admin.GetProperty("excerpt").GetString()));
            Assert.That(Strings(doc.GetProperty("bodies"), "contenttype"), Is.EqualTo(new[] { "text/html", "text/plain" }));
            Assert.That(doc.GetProperty("bodies")[0].GetProperty("value").GetString(), Is.EqualTo(admin.GetProperty("body").GetProperty("html").GetString()));
            Assert.That(doc.GetProperty("bodies")[1].GetProperty("value").GetString(), Does.StartWith(nfcHeadline + " पर विस्तृत रिपोर्ट"));
            Assert.That(Strings(doc.GetProperty("associations"), "name"), Is.EqualTo(new[] { "featureimage", "related-1" }));
            Assert.That(doc.GetProperty("associations")[1].GetProperty("uri").GetString(), Is.EqualTo($"urn:newsapi:article:{relatedId}"));
            var image = doc.GetProperty("associations")[0];
            Assert.That(Uri.UnescapeDataString(image.GetProperty("renditions")[0].GetProperty("href").GetString()!), Is.EqualTo("https://cdn.example.com/तस्वीरें/सियोल.jpg"));
            Assert.That(image.GetProperty("by").GetString(), Is.EqualTo("फ़ोटो: आईएएनएस"));
            Assert.That(Strings(doc.GetProperty("altids"), "value"), Is.EqualTo(new[] { admin.GetProperty("slug").GetString(), admin.GetProperty("canonicalUrl").GetString() }));
        }
    }

    [Test]
    public async Task The_uri_stays_the_same_when_the_slug_changes()
    {
        var id = await SyndicatedAsync(Article("स्लग बदलेगा " + Unique("slug")));
        var before = await (await _partner.GetAsync($"/v1/syndication/articles/{id}")).JsonAsync();
        var slug = Unique("naya-slug");
        using var patched = await PatchAsync(Editor, id, new { slug }, ETag(await VersionAsync(Editor, id)));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var after = await (await _partner.GetAsync($"/v1/syndication/articles/{id}")).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("uri").GetString(), Is.EqualTo(before.GetProperty("uri").GetString()));
            Assert.That(after.GetProperty("altids")[0].GetProperty("value").GetString(), Is.EqualTo(slug));
        }
    }

    [Test]
    public async Task Anything_but_a_public_article_allowed_for_syndication_is_one_404_that_does_not_say_why()
    {
        var draft = (await CreateDraftAsync(Editor, Article("मसौदा " + Unique("draft")))).GetProperty("id").GetInt64();
        var scheduled = (await CreateDraftAsync(Editor, Article("अनुसूचित " + Unique("sched")))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, scheduled, DateTimeOffset.UtcNow.AddDays(1));
        var embargoed = await SyndicatedAsync(Article("प्रतिबंधित " + Unique("emb"), embargoUntil: DateTimeOffset.UtcNow.AddDays(1)));
        var archived = await SyndicatedAsync(Article("संग्रहीत " + Unique("arch")));
        await TransitionOkAsync(Editor, archived, "archive");
        var withheld = Article("केवल साइट पर " + Unique("withheld"));
        withheld["syndication"] = new { allowed = false };
        var notForPartners = await SyndicatedAsync(withheld);
        var deleted = await SyndicatedAsync(Article("हटाई गई " + Unique("del")));
        using (var gone = await DeleteAsync(Editor, deleted, ETag(await VersionAsync(Editor, deleted))))
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        foreach (var id in new[] { draft, scheduled, embargoed, archived, notForPartners, deleted, 987654321L })
        {
            using var response = await _partner.GetAsync($"/v1/syndication/articles/{id}");
            var problem = await response.AssertProblemAsync(404);
            Assert.That(problem.GetProperty("detail").GetString(), Is.EqualTo($"No syndicated article has id {id}."));
        }
    }

    public static IEnumerable<TestCaseData> Callers() =>
        from route in new[] { "/v1/syndication/articles/{id}", "/v1/syndication/changes" }
        from caller in new (string? Role, HttpStatusCode Status)[]
        {
            (null, HttpStatusCode.Unauthorized), ("bad", HttpStatusCode.Unauthorized), ("reader", HttpStatusCode.Forbidden),
            ("author", HttpStatusCode.Forbidden), ("editor", HttpStatusCode.Forbidden), ("partner", HttpStatusCode.OK), ("admin", HttpStatusCode.OK),
        }
        select new TestCaseData(route, caller.Role, caller.Status).SetArgDisplayNames(route.Replace("{id}", ":id", StringComparison.Ordinal), caller.Role ?? "no key", caller.Status.ToString());

    [TestCaseSource(nameof(Callers))]
    public async Task Partner_routes_answer_partners_and_admins_only(string route, string? role, HttpStatusCode expected)
    {
        var id = await SyndicatedAsync(Article("साझेदार " + Unique("roles")));
        var key = role switch { null => null, "bad" => Access.RoleMatrixTests.BadKey, _ => await Keys.CreateAsync(Factory, role, role == "author" ? "ravi" : null) };
        var client = ClientWith(key);
        using var response = await client.GetAsync(route.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (expected == HttpStatusCode.OK)
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        else
            await response.AssertProblemAsync((int)expected);
    }
}
