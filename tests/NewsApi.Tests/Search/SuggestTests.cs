using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>GET /v1/search/suggest: completions for a Devanagari or Latin prefix from headline words, tags,
/// sections and authors of public articles, by popularity and recency.</summary>
[TestFixture]
public sealed class SuggestTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override void ConfigureSettings(Dictionary<string, string?> settings)
    {
        settings["RateLimiting:PermitsPerMinute"] = "100000";
        // Rebuilt by the first request after a publication, not up to 15 s later.
        settings["Search:SuggestionsRefreshSeconds"] = "0";
    }

    protected override async Task ArrangeAsync()
    {
        var at = new DateTimeOffset(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
        await PublishedAsync(Editor, Article("असम में बाढ़ से तबाही", tags: ["बाढ़ राहत"]), at);
        await PublishedAsync(Editor, Article("बिहार में बाढ़ का कहर"), at.AddHours(1));
        await PublishedAsync(Editor, Article("बाढ़ पीड़ितों को राहत"), at.AddHours(2));
        await PublishedAsync(Editor, Article("बाजार में तेजी"), at.AddHours(3));
        // A draft's words are not suggested.
        await CreatedAsync(Editor, Article("बाघ गणना की गुप्त रिपोर्ट"));
    }

    private async Task<List<(string Text, string Kind, string? Slug, long Articles)>> SuggestAsync(string q, int? limit = null)
    {
        var response = await Public.GetAsync("/v1/search/suggest?q=" + Uri.EscapeDataString(q) + (limit is null ? "" : "&limit=" + limit));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.CacheControl?.Public, Is.True, "cacheable like the rest of the content API");
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => (
            i.GetProperty("text").GetString()!, i.GetProperty("kind").GetString()!,
            i.GetProperty("slug").ValueKind == JsonValueKind.Null ? null : i.GetProperty("slug").GetString(), i.GetProperty("articles").GetInt64()))];
    }

    [Test]
    public async Task A_devanagari_prefix_completes_to_the_most_popular_word_first()
    {
        var items = await SuggestAsync("बा");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(items[0], Is.EqualTo(("बाढ़", "word", (string?)null, 3L)), "in three headlines");
            Assert.That(items.Select(i => i.Text), Does.Contain("बाजार"));
            Assert.That(items.Select(i => i.Text), Does.Not.Contain("बाघ"), "drafts are not public");
            Assert.That(items.Select(i => i.Text), Is.Unique);
        }
    }

    [Test]
    public async Task A_prefix_without_the_nukta_still_finds_the_word()
    {
        var items = await SuggestAsync("बाढ");
        Assert.That(items.Select(i => i.Text), Is.EqualTo(new[] { "बाढ़", "बाढ़ राहत" }));
        Assert.That(items[1].Kind, Is.EqualTo("tag"));
        Assert.That(items[1].Slug, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task A_latin_prefix_completes_to_devanagari()
    {
        var pu = await SuggestAsync("pu");
        var bihar = await SuggestAsync("Bih");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pu[0].Text, Is.EqualTo("पुतिन"), "the seed page's most frequent pu- word");
            Assert.That(bihar.Select(i => i.Text), Does.Contain("बिहार"));
        }
    }

    [Test]
    public async Task Sections_and_authors_are_suggested_with_their_slugs()
    {
        var items = await SuggestAsync("अंतर", limit: 20);
        Assert.That(items.Where(i => i.Kind == "section").Select(i => i.Slug), Does.Contain("international"));
    }

    [Test]
    public async Task Limit_caps_the_answer()
    {
        Assert.That(await SuggestAsync("ब", limit: 2), Has.Count.EqualTo(2));
        Assert.That(await SuggestAsync("ज्वालामुखी"), Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("?!")]
    [TestCase("बा\u0007")]
    [TestCase("limit=0")]
    [TestCase("limit=21")]
    [TestCase("limit=x")]
    [TestCase("long")]
    public async Task Bad_input_is_a_problem(string q)
    {
        var url = q switch
        {
            "long" => "/v1/search/suggest?q=" + new string('क', 51),
            _ when q.StartsWith("limit=", StringComparison.Ordinal) => "/v1/search/suggest?q=ba&" + q,
            _ => "/v1/search/suggest?q=" + Uri.EscapeDataString(q),
        };
        var response = await Public.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
