using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>What "hidden" and "visible" mean for VisibilityTests: every public endpoint, list and count.</summary>
public sealed partial class VisibilityTests
{
    private static string[] Lists(string query) =>
    [
        "/v1/articles?limit=100" + query,
        "/v1/teasers?limit=100" + query,
    ];

    private static async Task AssertHiddenAsync(Scene scene, long hidden, string slug)
    {
        var client = scene.Public;
        await (await client.GetAsync($"/v1/articles/{hidden}")).AssertProblemAsync(404);
        await (await client.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(slug)}")).AssertProblemAsync(404);
        await (await client.GetAsync($"/v1/articles/{hidden}/related")).AssertProblemAsync(404);
        await (await client.GetAsync($"/v1/articles/{hidden}/adjacent?scope=site")).AssertProblemAsync(404);

        var tag = "&tag=" + Uri.EscapeDataString(SharedTag);
        var other = "&tag=" + Uri.EscapeDataString(OtherTag);
        using (Assert.EnterMultipleScope())
        {
            foreach (var url in Lists(""))
                Assert.That(await IdsAsync(client, url), Is.EqualTo(new[] { scene.N, scene.V, scene.P }), url);
            foreach (var url in Lists(tag).Concat(Lists("&section=desh")).Concat(Lists("&author=ravi&source=ians")))
                Assert.That(await IdsAsync(client, url), Is.EqualTo(new[] { scene.V, scene.P }), url);
            foreach (var url in Lists(other))
                Assert.That(await IdsAsync(client, url), Is.EqualTo(new[] { scene.V }), url);
        }

        Assert.That(await IdsAsync(client, "/v1/search?q=" + Uri.EscapeDataString(HiddenWord)), Is.Empty, "search");

        var related = await (await client.GetAsync($"/v1/articles/{scene.V}/related?limit=20")).JsonAsync();
        var items = related.GetProperty("items").EnumerateArray().ToList();
        var article = await (await client.GetAsync($"/v1/articles/{scene.V}")).JsonAsync();
        var site = await (await client.GetAsync($"/v1/articles/{scene.V}/adjacent?scope=site")).JsonAsync();
        var section = await (await client.GetAsync($"/v1/articles/{scene.V}/adjacent?scope=section")).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            // Neither as curated nor as ranked by topic (shared tags) or text.
            Assert.That(items.Select(i => i.GetProperty("id").GetInt64()), Does.Not.Contain(hidden), related.ToString());
            Assert.That(Curated(items), Is.EqualTo(new[] { scene.P }), related.ToString());
            Assert.That(article.GetProperty("related").EnumerateArray().Select(r => r.GetInt64()), Is.EqualTo(new[] { scene.P }));
            Assert.That(site.GetProperty("previous").GetProperty("id").GetInt64(), Is.EqualTo(scene.P), site.ToString());
            Assert.That(site.GetProperty("next").GetProperty("id").GetInt64(), Is.EqualTo(scene.N), site.ToString());
            Assert.That(section.GetProperty("previous").GetProperty("id").GetInt64(), Is.EqualTo(scene.P), section.ToString());
            Assert.That(section.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null), section.ToString());
            // From the public neighbours too: P's next and N's previous skip it.
            var fromP = await (await client.GetAsync($"/v1/articles/{scene.P}/adjacent?scope=site")).JsonAsync();
            var fromN = await (await client.GetAsync($"/v1/articles/{scene.N}/adjacent?scope=site")).JsonAsync();
            Assert.That(fromP.GetProperty("next").GetProperty("id").GetInt64(), Is.EqualTo(scene.V), fromP.ToString());
            Assert.That(fromN.GetProperty("previous").GetProperty("id").GetInt64(), Is.EqualTo(scene.V), fromN.ToString());
            Assert.That(fromN.GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null), fromN.ToString());

            Assert.That(await TagCountAsync(client, SharedTag), Is.EqualTo(2));
            Assert.That(await TagCountAsync(client, OtherTag), Is.EqualTo(1));
            Assert.That(await SectionCountAsync(client, "desh"), Is.EqualTo(2));
        }
    }

    private static async Task AssertVisibleAsync(Scene scene, long hidden, string slug)
    {
        var client = scene.Public;
        var byId = await client.GetAsync($"/v1/articles/{hidden}");
        var bySlug = await client.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(slug)}");
        var tag = "&tag=" + Uri.EscapeDataString(SharedTag);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byId.StatusCode, Is.EqualTo(HttpStatusCode.OK), await byId.Content.ReadAsStringAsync());
            Assert.That(bySlug.StatusCode, Is.EqualTo(HttpStatusCode.OK), await bySlug.Content.ReadAsStringAsync());
            Assert.That((await client.GetAsync($"/v1/articles/{hidden}/adjacent?scope=site")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            foreach (var url in Lists("").Concat(Lists(tag)).Concat(Lists("&section=desh")))
                Assert.That(await IdsAsync(client, url), Does.Contain(hidden), url);
            Assert.That(await SearchSoonAsync(client, hidden), Is.EqualTo(new[] { hidden }), "search");

            var related = await (await client.GetAsync($"/v1/articles/{scene.V}/related?limit=20")).JsonAsync();
            var items = related.GetProperty("items").EnumerateArray().ToList();
            Assert.That(Curated(items), Is.EqualTo(new[] { hidden, scene.P }), related.ToString());
            var article = await (await client.GetAsync($"/v1/articles/{scene.V}")).JsonAsync();
            Assert.That(article.GetProperty("related").EnumerateArray().Select(r => r.GetInt64()), Is.EqualTo(new[] { hidden, scene.P }));

            Assert.That(await TagCountAsync(client, SharedTag), Is.EqualTo(3));
            Assert.That(await TagCountAsync(client, OtherTag), Is.EqualTo(2));
            Assert.That(await SectionCountAsync(client, "desh"), Is.EqualTo(3));
        }
    }

    /// <summary>Search hits for the hidden article's word. An ended embargo changes no row, so the article joins the
    /// search index at the scheduler's next pass (which the clock advance triggers): wait for it (30 s at most: a loaded CI machine is slow).</summary>
    private static async Task<List<long>> SearchSoonAsync(HttpClient client, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var ids = await IdsAsync(client, "/v1/search?q=" + Uri.EscapeDataString(HiddenWord));
            if (ids.Contains(expected) || DateTime.UtcNow > deadline) return ids;
            await Task.Delay(50);
        }
    }

    /// <summary>The ids of the leading <c>curated</c> items of a related list.</summary>
    private static long[] Curated(List<JsonElement> items) =>
        [.. items.TakeWhile(i => i.GetProperty("reason").GetString() == "curated").Select(i => i.GetProperty("id").GetInt64())];

    /// <summary>A tag's articleCount, both in the list and from /v1/tags/{slug} (they must agree).</summary>
    private static async Task<long> TagCountAsync(HttpClient client, string slug)
    {
        var list = await (await client.GetAsync("/v1/tags?limit=100")).JsonAsync();
        var fromList = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == slug).GetProperty("articleCount").GetInt64();
        var one = await (await client.GetAsync("/v1/tags/" + Uri.EscapeDataString(slug))).JsonAsync();
        Assert.That(one.GetProperty("articleCount").GetInt64(), Is.EqualTo(fromList), $"/v1/tags/{slug}");
        return fromList;
    }

    private static async Task<long> SectionCountAsync(HttpClient client, string slug)
    {
        var list = await (await client.GetAsync("/v1/sections?limit=100")).JsonAsync();
        var fromList = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("slug").GetString() == slug).GetProperty("articleCount").GetInt64();
        var one = await (await client.GetAsync("/v1/sections/" + slug)).JsonAsync();
        Assert.That(one.GetProperty("articleCount").GetInt64(), Is.EqualTo(fromList), $"/v1/sections/{slug}");
        return fromList;
    }
}
