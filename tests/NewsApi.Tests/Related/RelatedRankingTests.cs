using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Related;

/// <summary>GET /v1/articles/{id}/related on the seed page: curated first, then by topic and text.</summary>
[TestFixture]
public sealed class RelatedRankingTests : ApiTestBase
{
    private Dictionary<string, long> _ids = null!;
    private long _main;

    protected override Contents StartWith => Contents.Demo;

    protected override async Task ArrangeAsync()
    {
        var response = await Public.GetAsync("/v1/articles?limit=100&fields=headline");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        _ids = (await response.JsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(a => a.GetProperty("headline").GetString()!, a => a.GetProperty("id").GetInt64());
        _main = _ids[Seed.Headline];
    }

    private async Task<List<JsonElement>> RelatedAsync(long id, int limit = 20)
    {
        var response = await Public.GetAsync($"/v1/articles/{id}/related?limit={limit}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static bool IsPutinTrump(string headline) => headline.Contains("पुतिन", StringComparison.Ordinal) && headline.Contains("ट्रंप", StringComparison.Ordinal);

    private static bool IsPakistan(string headline) => headline.Contains("पाकिस्तान", StringComparison.Ordinal) || headline.Contains("पाक", StringComparison.Ordinal);

    [Test]
    public async Task Putin_trump_stories_rank_above_the_earthquake_and_every_pakistan_story()
    {
        var headlines = (await RelatedAsync(_main)).Select(i => i.GetProperty("headline").GetString()!).ToList();
        var putinTrump = headlines.Select((h, i) => (h, i)).Where(x => IsPutinTrump(x.h)).Select(x => x.i).ToList();
        var unrelated = headlines.Select((h, i) => (h, i)).Where(x => x.h.Contains("भूकंप", StringComparison.Ordinal) || IsPakistan(x.h)).Select(x => x.i).ToList();
        var expectedPutinTrump = _ids.Keys.Count(h => IsPutinTrump(h) && h != Seed.Headline);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(expectedPutinTrump, Is.GreaterThanOrEqualTo(2), "the seed page has Putin–Trump teasers");
            Assert.That(putinTrump, Has.Count.EqualTo(expectedPutinTrump), string.Join("\n", headlines));
            if (unrelated.Count > 0 && putinTrump.Count > 0)
                Assert.That(putinTrump.Max(), Is.LessThan(unrelated.Min()), string.Join("\n", headlines));
        }
    }

    [Test]
    public async Task Items_have_a_reason_and_never_the_article_itself()
    {
        foreach (var id in _ids.Values)
        {
            var items = await RelatedAsync(id);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(items.Select(i => i.GetProperty("id").GetInt64()), Does.Not.Contain(id).And.Unique);
                Assert.That(items.Select(i => i.GetProperty("reason").GetString()), Is.All.AnyOf("curated", "topic", "text"));
                Assert.That(items.Select(i => i.GetProperty("id").GetInt64()), Is.SubsetOf(_ids.Values));
                Assert.That(items.Select(i => i.GetProperty("headline").GetString()), Is.All.Not.Empty);
            }
        }
        Assert.That(await RelatedAsync(_main), Is.Not.Empty, "the main article has related stories");
    }

    [Test]
    public async Task The_order_is_deterministic()
    {
        foreach (var id in _ids.Values)
        {
            var first = (await RelatedAsync(id)).Select(i => i.GetProperty("id").GetInt64() + ":" + i.GetProperty("reason").GetString()).ToList();
            var second = (await RelatedAsync(id)).Select(i => i.GetProperty("id").GetInt64() + ":" + i.GetProperty("reason").GetString()).ToList();
            Assert.That(second, Is.EqualTo(first));
        }
    }

    [Test]
    public async Task A_smaller_limit_is_a_prefix_of_a_larger_one()
    {
        var all = (await RelatedAsync(_main)).Select(i => i.GetProperty("id").GetInt64()).ToList();
        Assert.That(all, Has.Count.GreaterThanOrEqualTo(3));
        for (var limit = 1; limit <= all.Count; limit++)
            Assert.That((await RelatedAsync(_main, limit)).Select(i => i.GetProperty("id").GetInt64()), Is.EqualTo(all.Take(limit)), $"limit={limit}");
    }

    [Test]
    public async Task Default_limit_is_five()
    {
        var response = await Public.GetAsync($"/v1/articles/{_main}/related");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await response.JsonAsync()).GetProperty("items").GetArrayLength(), Is.EqualTo(5));
    }

    [TestCase(0)]
    [TestCase(21)]
    [TestCase(-1)]
    public async Task Limit_out_of_range_is_a_400(int limit)
    {
        var problem = await (await Public.GetAsync($"/v1/articles/{_main}/related?limit={limit}")).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("limit", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Limit_twenty_is_allowed()
    {
        Assert.That(await RelatedAsync(_main, 20), Has.Count.InRange(1, 20));
    }

    [Test]
    public async Task Curated_stories_come_first_in_their_order()
    {
        // Curate on the RBI story (the page's "next"), so the main article's ranking stays as seeded.
        var owner = _ids[Seed.NextHeadline];
        var earthquake = _ids.Single(p => p.Key.Contains("भूकंप", StringComparison.Ordinal)).Value;
        var yemen = _ids.Single(p => p.Key.Contains("यमन", StringComparison.Ordinal)).Value;
        using var editor = await Keys.ClientForRoleAsync(Factory, "editor");
        var admin = await (await editor.GetAsync($"/v1/admin/articles/{owner}")).JsonAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/admin/articles/{owner}/related")
        {
            Content = JsonContent.Create(new { articleIds = new[] { earthquake, _main, yemen } }, options: NewsApiFactory.Json),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"" + admin.GetProperty("version").GetInt64().ToString(CultureInfo.InvariantCulture) + "\"");
        var put = await editor.SendAsync(request);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());

        var items = await RelatedAsync(owner, 10);
        var ids = items.Select(i => i.GetProperty("id").GetInt64()).ToList();
        var reasons = items.Select(i => i.GetProperty("reason").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Take(3), Is.EqualTo(new[] { earthquake, _main, yemen }));
            Assert.That(reasons.Take(3), Is.All.EqualTo("curated"));
            Assert.That(reasons.Skip(3), Is.All.AnyOf("topic", "text"));
            Assert.That(ids, Is.Unique.And.Not.Contain(owner));
        }
        var two = await RelatedAsync(owner, 2);
        Assert.That(two.Select(i => i.GetProperty("id").GetInt64()), Is.EqualTo(new[] { earthquake, _main }), "limit cuts the curated list too");
    }
}
