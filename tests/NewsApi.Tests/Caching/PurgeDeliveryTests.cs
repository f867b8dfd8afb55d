using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsApi.Data;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Caching;

/// <summary>The outbox is durable: a purge the cache refused is sent again, one still queued when the service
/// stops is sent by the next start, the scheduler's passes queue theirs, and without Cache:PurgeUrls nothing is queued.</summary>
[TestFixture]
public sealed class PurgeDeliveryTests
{
    [Test]
    public async Task A_purge_the_cache_refused_is_sent_again_until_it_is_accepted()
    {
        await using var cache = await FakePurgeTarget.StartAsync();
        using var factory = WithCache(cache.Url);
        var editor = await EditorAsync(factory);
        cache.FailNext(2);

        var (id, _) = await PublishedAsync(editor);
        var first = await cache.NextAsync();
        Assert.That(first, Does.Contain($"article-{id}"));
        Assert.That(await cache.NextAsync(), Is.EquivalentTo(first), "the second try (refused too), about a second later");
        Assert.That(await cache.NextAsync(), Is.EquivalentTo(first), "the third, accepted");
        await QueuedEventuallyAsync(factory, 0);
    }

    [Test]
    public async Task A_purge_still_queued_when_the_service_stops_is_sent_after_it_starts_again()
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"newsapi-test-{Guid.NewGuid():N}.db");
        try
        {
            long id;
            await using (var down = await FakePurgeTarget.StartAsync())
            {
                down.FailNext(int.MaxValue);
                using var before = WithCache(down.Url, dbPath);
                (id, _) = await PublishedAsync(await EditorAsync(before));
                await down.NextAsync();
                Assert.That(await QueuedAsync(before), Is.EqualTo(1), "refused, so still queued");
            }

            await using var cache = await FakePurgeTarget.StartAsync();
            using var after = WithCache(cache.Url, dbPath);
            _ = after.Services; // starts the service and its sender
            Assert.That(await cache.NextAsync(), Does.Contain($"article-{id}").And.Contain("articles"));
            await QueuedEventuallyAsync(after, 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    [Test]
    public async Task The_scheduler_purges_when_a_scheduled_article_goes_live_and_when_an_embargo_ends()
    {
        var t0 = new DateTimeOffset(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(t0);
        await using var cache = await FakePurgeTarget.StartAsync();
        using var factory = new NewsApiFactory(demoContent: false, clock: clock, settings: new() { ["Cache:PurgeUrls:0"] = cache.Url });
        var editor = await EditorAsync(factory);
        var scheduled = (await CreateDraftAsync(editor, Article("दस बजे की खबर", "khel"))).GetProperty("id").GetInt64();
        await PublishAsync(editor, scheduled, t0.AddMinutes(10));
        var embargoed = (await CreateDraftAsync(editor, Article("प्रतिबंधित खबर", "khel", embargoUntil: t0.AddMinutes(10)))).GetProperty("id").GetInt64();
        await PublishAsync(editor, embargoed);
        Assert.That(await QueuedAsync(factory), Is.Zero, "neither is public yet");

        clock.Advance(TimeSpan.FromMinutes(11));
        await factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);
        var keys = new HashSet<string>(await cache.NextAsync());
        if (!keys.Contains($"article-{embargoed}") || !keys.Contains($"article-{scheduled}")) keys.UnionWith(await cache.NextAsync());
        Assert.That(keys, Is.SupersetOf(new[] { "articles", $"article-{scheduled}", $"article-{embargoed}", "section-khel" }));
    }

    [Test]
    public async Task Without_purge_urls_no_purge_is_queued()
    {
        using var factory = new NewsApiFactory(demoContent: false);
        await PublishedAsync(await EditorAsync(factory));
        Assert.That(await QueuedAsync(factory), Is.Zero);
    }

    private static NewsApiFactory WithCache(string purgeUrl, string? dbPath = null) =>
        new(demoContent: false, settings: new() { ["Cache:PurgeUrls:0"] = purgeUrl }, dbPath: dbPath);

    private static async Task<HttpClient> EditorAsync(NewsApiFactory factory)
    {
        await CommonTaxonomy.InsertAsync(factory);
        return await Keys.ClientForRoleAsync(factory, "editor");
    }

    private static async Task<long> QueuedAsync(NewsApiFactory factory)
    {
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM purge_outbox");
    }

    private static async Task QueuedEventuallyAsync(NewsApiFactory factory, long expected)
    {
        for (var waited = 0; await QueuedAsync(factory) != expected; waited += 20)
        {
            if (waited > 5000) Assert.Fail($"The outbox did not reach {expected} queued purges.");
            await Task.Delay(20);
        }
    }
}
