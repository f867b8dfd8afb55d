using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Access;

/// <summary>A key's lastUsedAt is noted in memory on the request and written in the background once per
/// flush interval (and at shutdown), so a keyed read never waits for SQLite's write lock.</summary>
[TestFixture]
public sealed class KeyUsageTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 9, 2, 7, 0, 0, TimeSpan.Zero);

    protected override bool ServicePerTest => true;

    protected override Contents StartWith => Contents.None;

    protected override DateTimeOffset? ClockStart => T0;

    private TimeSpan Interval => Factory.Services.GetRequiredService<IOptions<NewsApiOptions>>().Value.KeyUsageFlushInterval;

    [Test]
    public async Task Using_a_key_shows_in_lastUsedAt_after_one_flush_interval()
    {
        var key = await Keys.CreateAsync(Factory, Roles.Reader, name: "flushed reader");
        var id = await Keys.IdAsync(Admin, "flushed reader");

        Clock.Advance(TimeSpan.FromSeconds(7));
        var used = Clock.GetUtcNow();
        using (var reader = Keys.ClientWith(Factory, key))
        using (var response = await reader.GetAsync("/v1/articles"))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Clock.Advance(Interval);

        Assert.That(await Keys.LastUsedAtEventuallyAsync(Admin, id, used), Is.EqualTo(used));
    }

    [Test]
    public async Task A_graceful_restart_keeps_the_last_use_that_was_not_flushed_yet()
    {
        var key = await Keys.CreateAsync(Factory, Roles.Reader, name: "used before restart");
        Clock.Advance(TimeSpan.FromSeconds(3)); // well inside the first flush interval
        var used = Clock.GetUtcNow();
        using (var reader = Keys.ClientWith(Factory, key))
        using (var response = await reader.GetAsync("/v1/articles"))
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Restart(T0 + TimeSpan.FromMinutes(10));
        var id = await Keys.IdAsync(Admin, "used before restart");
        var listed = (await Keys.ListedAsync(Admin)).Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.That(listed.GetProperty("lastUsedAt").GetDateTimeOffset(), Is.EqualTo(used));
    }

    [Test]
    public async Task Keyed_read_does_not_wait_for_the_write_lock_and_its_use_is_recorded_after_the_lock_is_released()
    {
        await CommonTaxonomy.InsertAsync(Factory);
        var article = (await PublishedAsync(Editor, Article("ताले के बावजूद पढ़ी गई ख़बर"), T0)).GetProperty("id").GetInt64();
        var key = await Keys.CreateAsync(Factory, Roles.Reader, name: "reads while locked");
        var id = await Keys.IdAsync(Admin, "reads while locked");
        using var reader = Keys.ClientWith(Factory, key);
        var url = $"/v1/articles/{article}";
        using (var warmUp = await Factory.CreateClient().GetAsync(url)) Assert.That(warmUp.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Clock.Advance(TimeSpan.FromSeconds(11));
        var used = Clock.GetUtcNow();
        await using (var writer = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False"))
        {
            await writer.OpenAsync();
            await using (var begin = writer.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                await begin.ExecuteNonQueryAsync();
            }

            var watch = Stopwatch.StartNew();
            using (var read = await reader.GetAsync(url))
            {
                watch.Stop();
                Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), await read.Content.ReadAsStringAsync());
            }
            // SQLite's busy timeout is 5 s (and Microsoft.Data.Sqlite retries up to 30 s): a read that wrote would wait.
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));

            var flusher = Factory.Services.GetRequiredService<KeyUsageFlusher>();
            watch.Restart();
            Assert.That(await flusher.FlushAsync(CancellationToken.None), Is.False, "the flush cannot write while the lock is held");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(4)), "a flush gives up quickly and tries again later");

            await using var rollback = writer.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        Clock.Advance(Interval);
        Assert.That(await Keys.LastUsedAtEventuallyAsync(Admin, id, used), Is.EqualTo(used), "the failed flush kept the time for the next one");
    }

    [Test]
    public async Task A_flush_never_moves_lastUsedAt_back()
    {
        await Keys.CreateAsync(Factory, Roles.Reader, name: "time order");
        var id = await Keys.IdAsync(Admin, "time order");
        var later = T0 + TimeSpan.FromHours(1);
        var earlier = T0 + TimeSpan.FromMinutes(1);
        var store = Factory.Services.GetRequiredService<ApiKeyRepository>();

        // Two instances on one database, flushing in either order.
        await store.RecordUsesAsync([new(id, later)], CancellationToken.None);
        await store.RecordUsesAsync([new(id, earlier)], CancellationToken.None);

        var listed = (await Keys.ListedAsync(Admin)).Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.That(listed.GetProperty("lastUsedAt").GetDateTimeOffset(), Is.EqualTo(later));
    }
}
