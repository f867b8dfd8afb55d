using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Draft, scheduled, archived, unpublished and embargoed articles never appear in a public
/// answer, however they are reached; the step that makes each public makes it appear everywhere.</summary>
[TestFixture]
public sealed partial class VisibilityTests : ApiTestBase
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
}
