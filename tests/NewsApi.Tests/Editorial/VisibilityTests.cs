using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Draft, scheduled, archived, unpublished and embargoed articles never appear in a public
/// answer, however they are reached; the step that makes each public makes it appear everywhere.</summary>
[TestFixture]
public sealed class VisibilityTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private const string SharedTag = "संसद";
    private const string OtherTag = "बजट";
    private const string HiddenWord = "छिपी"; // only in the hidden article's headline

    /// <summary>A way an article is kept from the public, and the step that makes it public.</summary>
    public sealed record HiddenState(string Name, Func<Scene, Task<long>> Hide, Func<Scene, long, Task> Reveal)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> HiddenStates()
    {
        yield return Case(new HiddenState("draft",
            scene => scene.CreateHiddenAsync(),
            (scene, id) => PublishAsync(scene.Editor, id)));
        yield return Case(new HiddenState("scheduled",
            async scene =>
            {
                var id = await scene.CreateHiddenAsync();
                var scheduled = await PublishAsync(scene.Editor, id, T0.AddHours(1));
                Assert.That(scheduled.GetProperty("status").GetString(), Is.EqualTo("scheduled"));
                return id;
            },
            async (scene, _) =>
            {
                scene.Clock.Advance(TimeSpan.FromMinutes(61));
                await scene.Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);
            }));
        yield return Case(new HiddenState("archived",
            async scene =>
            {
                var id = await scene.CreateHiddenAsync();
                await PublishAsync(scene.Editor, id, T0.AddMinutes(-30));
                await TransitionOkAsync(scene.Editor, id, "archive");
                return id;
            },
            (scene, id) => PublishAsync(scene.Editor, id)));
        yield return Case(new HiddenState("unpublished",
            async scene =>
            {
                var id = await scene.CreateHiddenAsync();
                await PublishAsync(scene.Editor, id, T0.AddMinutes(-30));
                var draft = await TransitionOkAsync(scene.Editor, id, "unpublish");
                Assert.That(draft.GetProperty("status").GetString(), Is.EqualTo("draft"));
                return id;
            },
            (scene, id) => PublishAsync(scene.Editor, id)));
        yield return Case(new HiddenState("embargoed",
            async scene =>
            {
                var id = await scene.CreateHiddenAsync(embargoUntil: T0.AddHours(1));
                var published = await PublishAsync(scene.Editor, id, T0.AddMinutes(-30));
                Assert.That(published.GetProperty("status").GetString(), Is.EqualTo("published"));
                return id;
            },
            (scene, _) =>
            {
                scene.Clock.Advance(TimeSpan.FromMinutes(61));
                return Task.CompletedTask;
            }));

        static TestCaseData Case(HiddenState state) => new TestCaseData(state).SetArgDisplayNames(state.Name);
    }

    /// <summary>Three public articles around the hidden one: P (T0−3h, desh), V (T0−1h, desh) and N (T0−10min, khel, by another author and agency).</summary>
    public sealed class Scene
    {
        public required NewsApiFactory Factory { get; init; }
        public required FakeTimeProvider Clock { get; init; }
        public required HttpClient Editor { get; init; }
        public required HttpClient Public { get; init; }
        public long P { get; set; }
        public long V { get; set; }
        public long N { get; set; }

        public async Task<long> CreateHiddenAsync(DateTimeOffset? embargoUntil = null)
        {
            var draft = await CreateDraftAsync(Editor, Article("छिपी हुई संसदीय खबर", "desh", [SharedTag, OtherTag], embargoUntil));
            return draft.GetProperty("id").GetInt64();
        }
    }

    private Scene _scene = null!;

    protected override bool ServicePerTest => true;

    protected override DateTimeOffset? ClockStart => T0;

    protected override async Task ArrangeAsync()
    {
        var scene = new Scene { Factory = Factory, Clock = Clock, Editor = Editor, Public = Public };
        scene.P = (await PublishedAsync(Editor, Article("संसद का सत्र शुरू", "desh", [SharedTag]), T0.AddHours(-3))).GetProperty("id").GetInt64();
        scene.V = (await PublishedAsync(Editor, Article("संसद में बजट पेश", "desh", [SharedTag, OtherTag]), T0.AddHours(-1))).GetProperty("id").GetInt64();
        scene.N = (await PublishedAsync(Editor, Article("क्रिकेट में भारत जीता", "khel", ["क्रिकेट"], source: "pti", authors: ["sita"]), T0.AddMinutes(-10))).GetProperty("id").GetInt64();
        _scene = scene;
    }

    [TestCaseSource(nameof(HiddenStates))]
    public async Task Hidden_article_is_invisible_through_every_public_endpoint_until_it_becomes_public(HiddenState state)
    {
        var scene = _scene;
        var hidden = await state.Hide(scene);
        var oldSlug = (await GetAdminAsync(scene.Editor, hidden)).GetProperty("slug").GetString()!;

        // Renamed while hidden: its retired slug must not answer 301 (that would reveal the new one).
        const string slug = "छिपी-नई-खबर";
        using (var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/admin/articles/{hidden}")
        {
            Content = new StringContent("{\"slug\":\"" + slug + "\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        })
        {
            patch.Headers.TryAddWithoutValidation("If-Match", ETag(await VersionAsync(scene.Editor, hidden)));
            var patched = await scene.Editor.SendAsync(patch);
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        }
        await (await scene.Public.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(oldSlug)}")).AssertProblemAsync(404);

        // An editor may curate it (drafts are curated before they go out), but the public never sees it.
        var curate = await SetRelatedAsync(scene.Editor, scene.V, [hidden, scene.P]);
        Assert.That(curate.StatusCode, Is.EqualTo(HttpStatusCode.OK), await curate.Content.ReadAsStringAsync());

        await AssertHiddenAsync(scene, hidden, slug);

        await state.Reveal(scene, hidden);

        await AssertVisibleAsync(scene, hidden, slug);
        var redirect = await scene.Public.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(oldSlug)}");
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
    }

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
