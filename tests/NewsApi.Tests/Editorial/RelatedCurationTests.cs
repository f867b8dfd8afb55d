using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>PUT /v1/admin/articles/{id}/related: the editor's order comes first in the public related list.</summary>
[TestFixture]
public sealed class RelatedCurationTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private int _n;

    protected override DateTimeOffset? ClockStart => T0;

    private async Task<long> PublishedAsync(string[] tags, string section = "desh")
    {
        var n = Interlocked.Increment(ref _n);
        return (await EditorialHttp.PublishedAsync(Editor, Article($"चयनित संबंधित खबर {n}", section, tags), T0.AddMinutes(-n))).GetProperty("id").GetInt64();
    }

    private async Task<List<(long Id, string Reason)>> RelatedAsync(long id, int limit = 20)
    {
        var response = await Public.GetAsync($"/v1/articles/{id}/related?limit={limit}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        return [.. json.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("reason").GetString()!))];
    }

    private async Task<long[]> PublicRelatedFieldAsync(long id) =>
        [.. (await (await Public.GetAsync($"/v1/articles/{id}")).JsonAsync()).GetProperty("related").EnumerateArray().Select(r => r.GetInt64())];

    /// <summary>The curated ids of the public related list, after checking they all come before any ranked story
    /// and that no story appears twice or is the article itself.</summary>
    private async Task<long[]> CuratedAsync(long id, int limit = 20)
    {
        var related = await RelatedAsync(id, limit);
        var curated = related.TakeWhile(r => r.Reason == "curated").Select(r => r.Id).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(related.Skip(curated.Length).Select(r => r.Reason), Is.All.AnyOf("topic", "text"), "curated first, then ranked");
            Assert.That(related.Select(r => r.Id), Is.Unique);
            Assert.That(related.Select(r => r.Id), Has.None.EqualTo(id));
        }
        return curated;
    }

    [Test]
    public async Task Curated_stories_come_first_in_the_editors_order_ahead_of_better_topic_matches()
    {
        var article = await PublishedAsync(["मानसून", "बाढ़"]);
        var strongTopic = await PublishedAsync(["मानसून", "बाढ़"]);
        var curatedFirst = await PublishedAsync(["चुनाव"], "khel");
        var curatedSecond = await PublishedAsync(["मानसून"]);

        var response = await SetRelatedAsync(Editor, article, [curatedFirst, curatedSecond]);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var saved = await response.JsonAsync();

        var related = await RelatedAsync(article);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(saved.GetProperty("related").EnumerateArray().Select(r => r.GetInt64()), Is.EqualTo(new[] { curatedFirst, curatedSecond }));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(ETag(saved.GetProperty("version").GetInt64())));
            Assert.That(await CuratedAsync(article), Is.EqualTo(new[] { curatedFirst, curatedSecond }));
            Assert.That(related.Take(3), Is.EqualTo(new[] { (curatedFirst, "curated"), (curatedSecond, "curated"), (strongTopic, "topic") }));
            Assert.That(await PublicRelatedFieldAsync(article), Is.EqualTo(new[] { curatedFirst, curatedSecond }));
            Assert.That((await RelatedAsync(article, limit: 1)).Select(r => r.Id), Is.EqualTo(new[] { curatedFirst }));
        }
    }

    [Test]
    public async Task Curation_is_one_way_and_does_not_show_on_the_other_article()
    {
        var article = await PublishedAsync(["एकतरफ़ा"]);
        var other = await PublishedAsync(["एकतरफ़ा-दूसरा"]);
        Assert.That((await SetRelatedAsync(Editor, article, [other])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CuratedAsync(article), Is.EqualTo(new[] { other }));
            Assert.That(await CuratedAsync(other), Is.Empty);
        }
    }

    [Test]
    public async Task A_new_list_replaces_the_old_one_and_an_empty_list_clears_it()
    {
        var article = await PublishedAsync(["शिक्षा"]);
        var a = await PublishedAsync(["खनन"]);
        var b = await PublishedAsync(["खनन"]);
        Assert.That((await SetRelatedAsync(Editor, article, [a, b])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await SetRelatedAsync(Editor, article, [b])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CuratedAsync(article), Is.EqualTo(new[] { b }));
        Assert.That((await SetRelatedAsync(Editor, article, [])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CuratedAsync(article), Is.Empty);
            Assert.That(await PublicRelatedFieldAsync(article), Is.Empty);
        }
    }

    [Test]
    public async Task Twenty_curated_stories_are_accepted()
    {
        var article = await PublishedAsync(["बीस"]);
        var ids = new List<long>();
        for (var i = 0; i < 20; i++) ids.Add((await CreateDraftAsync(Editor, Article($"बीस में से {i}"))).GetProperty("id").GetInt64());
        var response = await SetRelatedAsync(Editor, article, ids);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    public static IEnumerable<TestCaseData> BadLists()
    {
        yield return new TestCaseData("itself").SetArgDisplayNames("itself");
        yield return new TestCaseData("unknown").SetArgDisplayNames("unknown id");
        yield return new TestCaseData("duplicate").SetArgDisplayNames("duplicates");
        yield return new TestCaseData("twenty-one").SetArgDisplayNames("more than 20");
        yield return new TestCaseData("missing").SetArgDisplayNames("articleIds missing");
    }

    [TestCaseSource(nameof(BadLists))]
    public async Task Bad_list_is_400_on_articleIds_and_changes_nothing(string kind)
    {
        var article = await PublishedAsync(["अमान्य"]);
        var other = await PublishedAsync(["अमान्य-दूसरा"]);
        Assert.That((await SetRelatedAsync(Editor, article, [other])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var version = await VersionAsync(Editor, article);

        object body = kind switch
        {
            "itself" => new { articleIds = new[] { other, article } },
            "unknown" => new { articleIds = new[] { other, 987654L } },
            "duplicate" => new { articleIds = new[] { other, other } },
            "twenty-one" => new { articleIds = await TwentyOneAsync() },
            _ => new { },
        };
        var response = await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{article}/related", version, body);
        var problem = await response.AssertProblemAsync(400);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("errors").TryGetProperty("articleIds", out _), Is.True, problem.ToString());
            Assert.That(await VersionAsync(Editor, article), Is.EqualTo(version));
            Assert.That(await CuratedAsync(article), Is.EqualTo(new[] { other }));
        }
    }

    private async Task<long[]> TwentyOneAsync()
    {
        var ids = new List<long>();
        for (var i = 0; i < 21; i++) ids.Add((await CreateDraftAsync(Editor, Article($"इक्कीस में से {i}"))).GetProperty("id").GetInt64());
        return [.. ids];
    }

    [Test]
    public async Task Every_failing_rule_is_reported_at_once()
    {
        var article = await PublishedAsync(["सब-नियम"]);
        var response = await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{article}/related", await VersionAsync(Editor, article),
            new { articleIds = new[] { article, 987654L, 987654L } });
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").GetProperty("articleIds").GetArrayLength(), Is.EqualTo(3), problem.ToString());
    }

    [Test]
    public async Task Without_If_Match_is_428_and_with_a_stale_one_412()
    {
        var article = await PublishedAsync(["शर्त"]);
        var other = await PublishedAsync(["शर्त-दूसरी"]);
        var version = await VersionAsync(Editor, article);
        await (await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{article}/related", null, new { articleIds = new[] { other } })).AssertProblemAsync(428);
        await (await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{article}/related", version - 1, new { articleIds = new[] { other } })).AssertProblemAsync(412);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await VersionAsync(Editor, article), Is.EqualTo(version));
            Assert.That(await CuratedAsync(article), Is.Empty);
        }
    }

    [Test]
    public async Task Curating_an_unknown_article_is_404()
    {
        var other = await PublishedAsync(["अज्ञात"]);
        await (await SendAtVersionAsync(Editor, HttpMethod.Put, "/v1/admin/articles/987654/related", 1, new { articleIds = new[] { other } })).AssertProblemAsync(404);
    }

    [Test]
    public async Task A_deleted_related_article_drops_out_of_the_list()
    {
        var article = await PublishedAsync(["हटाया"]);
        var gone = (await CreateDraftAsync(Editor, Article("हटाई जाने वाली खबर"))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, gone, T0.AddHours(-5));
        Assert.That((await SetRelatedAsync(Editor, article, [gone])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CuratedAsync(article), Is.EqualTo(new[] { gone }));
        var delete = await SendAtVersionAsync(Editor, HttpMethod.Delete, $"/v1/admin/articles/{gone}", await VersionAsync(Editor, gone));
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await CuratedAsync(article), Is.Empty);
            Assert.That(await RelatedAsync(article), Has.None.Matches<(long Id, string Reason)>(r => r.Id == gone));
            Assert.That((await GetAdminAsync(Editor, article)).GetProperty("related").GetArrayLength(), Is.Zero);
        }
    }
}
