using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Http;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Caching;

/// <summary>Each write queues, in its own transaction, a purge naming exactly the keys it touched, and the sender
/// delivers it as a PURGE to the cache (here a fake one on 127.0.0.1) right after the commit.</summary>
[TestFixture]
public sealed class PurgeKeysTests : ApiTestBase
{
    private FakePurgeTarget _cache = null!;

    // The Devanagari tag's key as CacheTags writes it: header values are ASCII.
    private static readonly string BharatTag = CacheTags.Tag("भारत");

    protected override async Task BeforeStartAsync() => _cache = await FakePurgeTarget.StartAsync();

    protected override Task AfterStopAsync() => _cache.DisposeAsync().AsTask();

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["Cache:PurgeUrls:0"] = _cache.Url;

    [SetUp]
    public void ForgetEarlierPurges() => _cache.Drain();

    [Test]
    public async Task An_article_purges_its_own_keys_and_its_sections_and_tags_before_and_after_each_write()
    {
        var (id, _) = await CreatedAsync(Editor, Article("चुनाव की खबर", "rajya", ["chunav", "भारत"]));
        Assert.That(await QueuedAsync(), Is.Zero, "a draft is in no public answer");

        var published = Stopwatch.StartNew();
        await PublishAsync(Editor, id);
        var keys = await _cache.NextAsync();
        TestContext.Out.WriteLine($"publish → PURGE received after {published.ElapsedMilliseconds} ms");
        // rajya is a sub-section of desh, whose count includes it.
        Assert.That(keys, Is.EquivalentTo(new[] { "articles", "tags", $"article-{id}", "section-rajya", "section-desh", "tag-chunav", BharatTag }));
        Assert.That(published.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "woken by the commit, not by the 10 s poll");

        var moved = await PatchAsync(Editor, id, new { section = "khel", tags = new[] { "chunav" } }, ETag(await VersionAsync(Editor, id)));
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(moved));
        Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[]
        {
            "articles", "tags", $"article-{id}", "section-rajya", "section-desh", "section-khel", "tag-chunav", BharatTag,
        }), "the sections and tags it left as well as those it joined");

        var deleted = await DeleteAsync(Editor, id, ETag(await VersionAsync(Editor, id)));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await BodyAsync(deleted));
        Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[] { "articles", "tags", $"article-{id}", "section-khel", "tag-chunav" }));
        await OutboxEmptyAsync();
    }

    [Test]
    public async Task Editing_a_draft_purges_nothing()
    {
        var (draft, etag) = await CreatedAsync(Editor, Article("मसौदा खबर", "desh", ["chunav"]));
        var edited = await PatchAsync(Editor, draft, new { headline = "बदला हुआ मसौदा" }, etag);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(edited));

        var (published, _) = await PublishedAsync(Editor); // the barrier: the draft's purge, if any, would come first
        var keys = await _cache.NextAsync();
        Assert.That(keys, Does.Contain($"article-{published}").And.Not.Contain($"article-{draft}"));
    }

    [Test]
    public async Task A_section_rename_purges_its_old_and_new_keys_its_list_and_every_article_that_embeds_its_name()
    {
        var slug = await TermAsync(Editor, "sections");
        Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[] { "sections", "section-" + slug }), "a new section: its list and its own key");

        using var rename = new HttpRequestMessage(HttpMethod.Put, $"/v1/admin/sections/{slug}")
        {
            Content = JsonContent.Create(new { name = "नया नाम", slug = slug + "-new" }, options: NewsApiFactory.Json),
        };
        rename.Headers.IfMatch.Add((await Editor.GetAsync($"/v1/admin/sections/{slug}")).Headers.ETag!);
        var renamed = await Editor.SendAsync(rename);
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(renamed));
        Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[] { "articles", "sections", "section-" + slug, $"section-{slug}-new" }));
    }

    [Test]
    public async Task Creating_and_deleting_a_tag_author_or_source_purges_its_list_and_key()
    {
        foreach (var (kind, prefix) in new[] { ("tags", "tag-"), ("authors", "author-"), ("sources", "source-") })
        {
            var slug = await TermAsync(Editor, kind);
            Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[] { kind, prefix + slug }), kind);

            using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/v1/admin/{kind}/{slug}");
            delete.Headers.IfMatch.Add((await Editor.GetAsync($"/v1/admin/{kind}/{slug}")).Headers.ETag!);
            Assert.That((await Editor.SendAsync(delete)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), kind);
            Assert.That(await _cache.NextAsync(), Is.EquivalentTo(new[] { kind, prefix + slug }), kind);
        }
    }

    [Test]
    public async Task Keys_too_long_for_one_request_header_are_split_across_requests()
    {
        // Twenty tags of a hundred Devanagari letters: ~18 KB of keys, Varnish takes 8 KB per request header.
        var tags = Enumerable.Range(1, 20).Select(i => new string('भ', 95) + DevanagariNumber(i)).ToArray();
        var (id, _) = await CreatedAsync(Editor, Article("लंबे टैग वाली खबर", "desh", tags));
        await PublishAsync(Editor, id);
        await OutboxEmptyAsync();

        var requests = _cache.Drain();
        var keys = requests.SelectMany(r => r).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(requests, Has.Count.GreaterThan(1));
            Assert.That(requests.Select(r => string.Join(' ', r).Length), Has.All.LessThanOrEqualTo(4000));
            Assert.That(keys, Is.Unique);
            Assert.That(keys, Is.SupersetOf(new[] { "articles", "tags", $"article-{id}", "section-desh" }));
            Assert.That(keys.Count(k => k.StartsWith("tag-", StringComparison.Ordinal)), Is.EqualTo(20));
        }
    }

    private async Task<long> QueuedAsync()
    {
        await using var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM purge_outbox");
    }

    /// <summary>Delivered purges leave the outbox (deleted after the cache's 2xx, a moment after it was received).</summary>
    private async Task OutboxEmptyAsync()
    {
        for (var waited = 0; await QueuedAsync() > 0; waited += 20)
        {
            if (waited > 5000) Assert.Fail("Delivered purges stayed in the outbox.");
            await Task.Delay(20);
        }
    }
}
