using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Articles;

[TestFixture]
public sealed class ContentApiTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private long _cricketId;
    private long _stateId;

    protected override async Task ArrangeAsync()
    {
        _cricketId = (await PublishedAsync(Editor, Article("क्रिकेट में भारत की जीत", "khel", ["क्रिकेट", "भारत"], source: "pti", authors: ["sita"]), T0)).GetProperty("id").GetInt64();
        _stateId = (await PublishedAsync(Editor, Article("राज्य में बारिश का अलर्ट", "rajya", ["मौसम"]).With("language", "hi-IN"), T0.AddHours(1))).GetProperty("id").GetInt64();
        await PublishedAsync(Editor, Article("दिल्ली में चुनाव", "desh", ["चुनाव", "भारत"]), T0.AddHours(2));
        await CreateDraftAsync(Editor, Article("अप्रकाशित मसौदा", "desh", ["भारत"]));
    }

    private async Task<List<string>> HeadlinesAsync(string url)
    {
        var response = await Public.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var page = await response.JsonAsync();
        return [.. page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("headline").GetString()!)];
    }

    [Test]
    public async Task Articles_list_newest_first_without_drafts()
    {
        var headlines = await HeadlinesAsync("/v1/articles");
        Assert.That(headlines, Is.EqualTo(new[] { "दिल्ली में चुनाव", "राज्य में बारिश का अलर्ट", "क्रिकेट में भारत की जीत" }));
    }

    [TestCase("/v1/articles?section=desh", new[] { "दिल्ली में चुनाव", "राज्य में बारिश का अलर्ट" })]
    [TestCase("/v1/articles?section=rajya", new[] { "राज्य में बारिश का अलर्ट" })]
    [TestCase("/v1/articles?tag=%E0%A4%AD%E0%A4%BE%E0%A4%B0%E0%A4%A4", new[] { "दिल्ली में चुनाव", "क्रिकेट में भारत की जीत" })]
    [TestCase("/v1/articles?author=sita", new[] { "क्रिकेट में भारत की जीत" })]
    [TestCase("/v1/articles?source=pti", new[] { "क्रिकेट में भारत की जीत" })]
    [TestCase("/v1/articles?lang=hi-in", new[] { "राज्य में बारिश का अलर्ट" })]
    [TestCase("/v1/articles?publishedAfter=2025-08-01T06:30:00Z&publishedBefore=2025-08-01T07:30:00Z", new[] { "राज्य में बारिश का अलर्ट" })]
    [TestCase("/v1/teasers?section=khel", new[] { "क्रिकेट में भारत की जीत" })]
    [TestCase("/v1/teasers?section=unknown", new string[0])]
    public async Task Filters_narrow_the_list(string url, string[] expected)
    {
        Assert.That(await HeadlinesAsync(url), Is.EqualTo(expected));
    }

    [Test]
    public async Task Sparse_fields_return_only_those_fields_plus_id()
    {
        var page = await (await Public.GetAsync("/v1/articles?fields=headline,tags")).JsonAsync();
        var names = page.GetProperty("items")[0].EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(names, Is.EquivalentTo(new[] { "id", "headline", "tags" }));
    }

    [Test]
    public async Task Formats_choose_the_body_representations()
    {
        var article = await (await Public.GetAsync($"/v1/articles/{_cricketId}?formats=text")).JsonAsync();
        var body = article.GetProperty("body");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("html").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.GetProperty("text").GetString(), Does.StartWith("क्रिकेट में भारत की जीत पर"));
            Assert.That(body.GetProperty("blocks").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
        var withDefault = await (await Public.GetAsync($"/v1/articles/{_cricketId}")).JsonAsync();
        Assert.That(withDefault.GetProperty("body").GetProperty("html").GetString(), Does.StartWith("<p>"));
    }

    [Test]
    public async Task Draft_is_invisible_by_id()
    {
        var drafts = await (await Public.GetAsync("/v1/articles?limit=100")).JsonAsync();
        var maxPublic = drafts.GetProperty("items").EnumerateArray().Max(a => a.GetProperty("id").GetInt64());
        var response = await Public.GetAsync($"/v1/articles/{maxPublic + 1}");
        await response.AssertProblemAsync(404);
    }

    [TestCase("/v1/articles?limit=0", "limit")]
    [TestCase("/v1/articles?limit=101", "limit")]
    [TestCase("/v1/teasers?limit=-5", "limit")]
    [TestCase("/v1/articles?cursor=not-a-cursor", "cursor")]
    [TestCase("/v1/articles?fields=headline,password", "fields")]
    [TestCase("/v1/articles?formats=pdf", "formats")]
    [TestCase("/v1/articles/1?formats=html,xml", "formats")]
    [TestCase("/v1/tags?limit=1000", "limit")]
    [TestCase("/v1/sections?cursor=abc", "cursor")]
    [TestCase("/v1/articles/1/adjacent?scope=world", "scope")]
    [TestCase("/v1/articles/1/related?limit=0", "limit")]
    public async Task Bad_parameters_are_a_400_validation_problem(string url, string field)
    {
        var problem = await (await Public.GetAsync(url)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("/v1/articles?limit=abc")]
    [TestCase("/v1/articles/abc")]
    [TestCase("/v1/articles/%E0%A4%95")]
    [TestCase("/v1/articles/abc/related")]
    [TestCase("/v1/articles/1.5/adjacent")]
    [TestCase("/v1/articles?publishedAfter=yesterday")]
    public async Task Unparseable_parameters_are_a_400_problem(string url)
    {
        var problem = await (await Public.GetAsync(url)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Failed to bind"));
    }

    [Test]
    public async Task Tampered_cursor_is_refused()
    {
        var first = await Public.GetAsync("/v1/articles?limit=1");
        var cursor = (await first.JsonAsync()).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        await (await Public.GetAsync($"/v1/articles?limit=1&cursor={tampered}")).AssertProblemAsync(400);
    }

    [TestCase("/v1/articles/987654")]
    [TestCase("/v1/articles/slug/%E0%A4%A8%E0%A4%B9%E0%A5%80%E0%A4%82-%E0%A4%B9%E0%A5%88")]
    [TestCase("/v1/articles/987654/related")]
    [TestCase("/v1/articles/987654/adjacent")]
    [TestCase("/v1/sections/nahin")]
    [TestCase("/v1/tags/nahin")]
    [TestCase("/v1/authors/nahin")]
    public async Task Unknown_ids_and_slugs_are_a_404_problem(string url)
    {
        await (await Public.GetAsync(url)).AssertProblemAsync(404);
    }

    [Test]
    public async Task Tags_autocomplete_by_devanagari_prefix_with_counts()
    {
        var tags = await (await Public.GetAsync("/v1/tags?q=" + Uri.EscapeDataString("भा"))).JsonAsync();
        var items = tags.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "भारत" }));
        Assert.That(items[0].GetProperty("articleCount").GetInt64(), Is.EqualTo(2), "the draft does not count");
        var one = await (await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("भारत"))).JsonAsync();
        Assert.That(one.GetProperty("articleCount").GetInt64(), Is.EqualTo(2));
    }

    [Test]
    public async Task Tags_prefix_with_like_wildcards_is_literal()
    {
        var tags = await (await Public.GetAsync("/v1/tags?q=%25")).JsonAsync();
        Assert.That(tags.GetProperty("items").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Authors_sources_and_sections_answer()
    {
        var authors = await (await Public.GetAsync("/v1/authors")).JsonAsync();
        Assert.That(authors.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "रवि कुमार", "सीता शर्मा" }));
        var author = await (await Public.GetAsync("/v1/authors/sita")).JsonAsync();
        Assert.That(author.GetProperty("name").GetString(), Is.EqualTo("सीता शर्मा"));
        var sources = await (await Public.GetAsync("/v1/sources")).JsonAsync();
        Assert.That(sources.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("slug").GetString()), Is.EqualTo(new[] { "ians", "pti" }));
        var section = await (await Public.GetAsync("/v1/sections/desh")).JsonAsync();
        Assert.That(section.GetProperty("articleCount").GetInt64(), Is.EqualTo(2), "desh counts its sub-section rajya, not the draft");
        var sub = await (await Public.GetAsync("/v1/sections/rajya")).JsonAsync();
        Assert.That(sub.GetProperty("parent").GetString(), Is.EqualTo("desh"));
    }

    [Test]
    public async Task Taxonomy_lists_page_with_a_cursor_and_link_header()
    {
        var first = await Public.GetAsync("/v1/sections?limit=2");
        var page = await first.JsonAsync();
        var cursor = page.GetProperty("nextCursor").GetString();
        Assert.That(first.Headers.GetValues("Link").Single(), Does.Contain("rel=\"next\""));
        var second = await (await Public.GetAsync($"/v1/sections?limit=2&cursor={cursor}")).JsonAsync();
        var slugs = page.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(s => s.GetProperty("slug").GetString());
        Assert.That(slugs, Is.EqualTo(new[] { "desh", "khel", "rajya" }));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Get_answers_with_a_strong_etag_and_304_when_it_matches()
    {
        var first = await Public.GetAsync($"/v1/articles/{_stateId}");
        var etag = first.Headers.ETag!;
        Assert.That(etag.IsWeak, Is.False);
        Assert.That(first.Headers.CacheControl!.Public, Is.True);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/articles/{_stateId}");
        request.Headers.IfNoneMatch.Add(etag);
        var second = await Public.SendAsync(request);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Surrogate_key_names_the_articles_sections_and_tags_of_an_answer()
    {
        var one = await Public.GetAsync($"/v1/articles/{_cricketId}");
        var keys = one.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        Assert.That(keys, Does.Contain($"article-{_cricketId}").And.Contain("section-khel").And.Contain("tag-" + Uri.EscapeDataString("क्रिकेट")));
        var article = await (await Public.GetAsync($"/v1/articles/{_cricketId}")).JsonAsync();
        Assert.That(keys, Does.Contain("source-" + Uri.EscapeDataString(article.GetProperty("source").GetProperty("slug").GetString()!))
            .And.Contain("author-" + Uri.EscapeDataString(article.GetProperty("authors")[0].GetProperty("slug").GetString()!)));
        var list = await Public.GetAsync("/v1/teasers?section=khel");
        Assert.That(list.Headers.GetValues("Surrogate-Key").Single().Split(' '), Does.Contain($"article-{_cricketId}").And.Contain("articles"));
    }

    [Test]
    public async Task Tags_only_on_drafts_are_not_listed()
    {
        await CreateDraftAsync(Editor, Article("गुप्त विलय योजना", "desh", ["गुप्त अधिग्रहण"]));
        var tags = await (await Public.GetAsync("/v1/tags?limit=100")).JsonAsync();
        Assert.That(tags.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Does.Not.Contain("गुप्त अधिग्रहण"));
        await (await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("गुप्त-अधिग्रहण"))).AssertProblemAsync(404);
    }

    [Test]
    public async Task A_cursor_from_one_list_is_refused_by_another()
    {
        var sections = await (await Public.GetAsync("/v1/sections?limit=1")).JsonAsync();
        var cursor = sections.GetProperty("nextCursor").GetString();
        await (await Public.GetAsync($"/v1/authors?cursor={cursor}")).AssertProblemAsync(400);
        await (await Public.GetAsync($"/v1/articles?cursor={cursor}")).AssertProblemAsync(400);
    }

    [Test]
    public async Task Health_endpoints_answer()
    {
        Assert.That((await Public.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var ready = await Public.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ready.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
    }
}
