using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Syndication;

/// <summary>GET /v1/syndication/changes: an entry for every change to the syndicatable set, in commit order,
/// including those the scheduler's pass makes (scheduled publication, embargo end, a related story leaving).
/// Each test reads only what happened after the cursor it took at its start.</summary>
public sealed class ChangeFeedTests : ApiTestBase
{
    private HttpClient _partner = null!;

    protected override DateTimeOffset? ClockStart => new DateTimeOffset(2026, 3, 1, 6, 0, 0, TimeSpan.Zero);

    protected override async Task ArrangeAsync() => _partner = await ClientAsync("partner");

    private Task<int> PassAsync() => Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);

    private static string Uri(long id) => $"urn:newsapi:article:{id}";

    private static IEnumerable<string> Described(IEnumerable<JsonElement> entries) =>
        entries.Select(e => e.GetProperty("type").GetString() + " " + e.GetProperty("uri").GetString()
            + (e.TryGetProperty("article", out var a) ? " v" + a.GetProperty("version").GetString() : ""));

    private async Task<HttpResponseMessage> PatchNowAsync(long id, object patch)
    {
        var response = await PatchAsync(Editor, id, patch, ETag(await VersionAsync(Editor, id)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return response;
    }

    [Test]
    public async Task Every_change_to_the_syndicatable_set_is_an_entry_in_commit_order()
    {
        var start = await PartnerFeed.EndAsync(_partner);
        var id = (await CreateDraftAsync(Editor, Article("बदलती ख़बर " + Unique("life")))).GetProperty("id").GetInt64(); // v1, a draft: nothing
        await PublishAsync(Editor, id);                                               // v2 upsert
        (await PatchNowAsync(id, new { headline = "बदली हुई ख़बर " + Unique("h") })).Dispose(); // v3 upsert
        (await PatchNowAsync(id, new { syndication = new { allowed = false } })).Dispose();   // v4 delete: withdrawn
        (await PatchNowAsync(id, new { dateline = "मुंबई" })).Dispose();                     // v5 nothing: partners do not have it
        (await PatchNowAsync(id, new { syndication = new { allowed = true } })).Dispose();    // v6 upsert
        await TransitionOkAsync(Editor, id, "unpublish");                                    // v7 delete
        await PublishAsync(Editor, id);                                                      // v8 upsert
        (await PatchNowAsync(id, new { embargoUntil = Clock.GetUtcNow().AddHours(1) })).Dispose(); // v9 delete: embargo newly set
        (await PatchNowAsync(id, new { embargoUntil = (DateTimeOffset?)null })).Dispose();    // v10 upsert: lifted
        await TransitionOkAsync(Editor, id, "archive");                                      // v11 delete
        await PublishAsync(Editor, id);                                                      // v12 upsert
        using (var gone = await DeleteAsync(Editor, id, ETag(await VersionAsync(Editor, id))))  // delete
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var entries = await PartnerFeed.SinceAsync(_partner, start);
        var u = Uri(id);
        Assert.That(Described(entries), Is.EqualTo(new[]
        {
            $"upsert {u} v2", $"upsert {u} v3", $"delete {u}", $"upsert {u} v6", $"delete {u}", $"upsert {u} v8",
            $"delete {u}", $"upsert {u} v10", $"delete {u}", $"upsert {u} v12", $"delete {u}",
        }));
        Assert.That(entries.Select(e => e.GetProperty("at").GetDateTimeOffset()), Is.All.EqualTo(Clock.GetUtcNow()));
    }

    [Test]
    public async Task Scheduled_publication_and_embargo_end_are_recorded_on_the_scheduler_pass()
    {
        var start = await PartnerFeed.EndAsync(_partner);
        var now = Clock.GetUtcNow();
        var scheduled = (await CreateDraftAsync(Editor, Article("सुबह की ख़बर " + Unique("sched")))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, scheduled, now.AddMinutes(10));
        var embargoed = (await CreateDraftAsync(Editor, Article("प्रतिबंधित " + Unique("emb"), embargoUntil: now.AddMinutes(20)))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, embargoed);
        await PassAsync();
        Assert.That(await PartnerFeed.SinceAsync(_partner, start), Is.Empty);

        Clock.Advance(TimeSpan.FromMinutes(11));
        await PassAsync();
        Clock.Advance(TimeSpan.FromMinutes(10));
        await PassAsync();
        var entries = await PartnerFeed.SinceAsync(_partner, start);
        // The embargoed article's upsert is its current version: the embargo ended without a write.
        Assert.That(Described(entries), Is.EqualTo(new[] { $"upsert {Uri(scheduled)} v3", $"upsert {Uri(embargoed)} v2" }));
        using var served = await _partner.GetAsync($"/v1/syndication/articles/{embargoed}");
        Assert.That(JsonElement.DeepEquals(await served.JsonAsync(), entries[1].GetProperty("article")), Is.True);
    }

    [Test]
    public async Task A_related_story_that_leaves_or_joins_the_feed_resends_the_stories_that_list_it()
    {
        var related = (await CreateDraftAsync(Editor, Article("साथी ख़बर " + Unique("rel")))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, related);
        var curator = (await CreateDraftAsync(Editor, Article("मुख्य ख़बर " + Unique("main")))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, curator);
        Assert.That((await SetRelatedAsync(Editor, curator, [related])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var start = await PartnerFeed.EndAsync(_partner);

        await TransitionOkAsync(Editor, related, "unpublish");
        await PassAsync();
        await PublishAsync(Editor, related);
        await PassAsync();
        var entries = await PartnerFeed.SinceAsync(_partner, start);
        Assert.That(Described(entries), Is.EqualTo(new[]
        {
            $"delete {Uri(related)}", $"upsert {Uri(curator)} v3", $"upsert {Uri(related)} v4", $"upsert {Uri(curator)} v3",
        }));
        Assert.That(entries[1].GetProperty("article").TryGetProperty("associations", out _), Is.False);
        Assert.That(entries[3].GetProperty("article").GetProperty("associations")[0].GetProperty("uri").GetString(), Is.EqualTo(Uri(related)));
    }

    [Test]
    public async Task A_renamed_tag_resends_the_articles_that_carry_it_on_the_next_pass()
    {
        var tag = "टैग " + Unique("tag");
        var id = (await CreateDraftAsync(Editor, Article("टैग वाली ख़बर " + Unique("tagged"), tags: [tag]))).GetProperty("id").GetInt64();
        var slug = (await PublishAsync(Editor, id)).GetProperty("tags")[0].GetProperty("slug").GetString()!;
        var start = await PartnerFeed.EndAsync(_partner);
        using (var renamed = await SendAsync(Editor, HttpMethod.Put, $"/v1/admin/tags/{System.Uri.EscapeDataString(slug)}", new { name = "नया नाम", slug }, ETag(1)))
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renamed.Content.ReadAsStringAsync());
        await PassAsync();
        await PassAsync(); // nothing more: the document did not change again
        var entries = await PartnerFeed.SinceAsync(_partner, start);
        Assert.That(Described(entries), Is.EqualTo(new[] { $"upsert {Uri(id)} v2" }));
        Assert.That(entries[0].GetProperty("article").GetProperty("subjects")[1].GetProperty("name").GetString(), Is.EqualTo("नया नाम"));
    }

    [Test]
    public async Task Polling_at_the_end_answers_304_until_something_changes()
    {
        var end = await PartnerFeed.EndAsync(_partner);
        using var first = await _partner.GetAsync(PartnerFeed.ChangesUrl(end));
        var page = await first.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(page.GetProperty("nextCursor").GetString(), Is.EqualTo(end));
            Assert.That(first.Headers.CacheControl is { Private: true, NoStore: true }, Is.True, "private, no-store");
        }
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, PartnerFeed.ChangesUrl(end));
        again.Headers.IfNoneMatch.Add(etag);
        using (var notModified = await _partner.SendAsync(again))
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        var id = (await CreateDraftAsync(Editor, Article("नई ख़बर " + Unique("poll")))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, id);
        using var changed = new HttpRequestMessage(HttpMethod.Get, PartnerFeed.ChangesUrl(end));
        changed.Headers.IfNoneMatch.Add(etag);
        using var modified = await _partner.SendAsync(changed);
        Assert.That(modified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Described((await modified.JsonAsync()).GetProperty("items").EnumerateArray()), Is.EqualTo(new[] { $"upsert {Uri(id)} v2" }));
    }

    [TestCase("limit=0")]
    [TestCase("limit=501")]
    [TestCase("since=not-a-cursor")]
    public async Task A_bad_limit_or_cursor_is_a_400(string query)
    {
        using var response = await _partner.GetAsync("/v1/syndication/changes?" + query);
        await response.AssertProblemAsync(400);
    }

    [Test]
    public async Task A_cursor_of_another_list_is_refused()
    {
        var cursors = Factory.Services.GetRequiredService<NewsApi.Http.CursorCodec>();
        using var response = await _partner.GetAsync(PartnerFeed.ChangesUrl(cursors.Encode("revisions", 1)));
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").GetProperty("since")[0].GetString(), Is.EqualTo(NewsApi.Http.CursorCodec.Invalid));
    }
}
