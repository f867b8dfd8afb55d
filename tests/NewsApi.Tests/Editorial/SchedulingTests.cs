using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Scheduled publishing on a fake clock: nothing early, on time with publishedAt = the scheduled time,
/// and caught up at start-up after the service was down when the time came.</summary>
[TestFixture]
public sealed class SchedulingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(30); // generous: a loaded CI machine is slow, and success returns at once

    private sealed class Newsroom : IDisposable
    {
        public Newsroom(string? dbPath = null, DateTimeOffset? start = null)
        {
            Clock = new FakeTimeProvider(start ?? T0);
            Factory = new NewsApiFactory(demoContent: false, clock: Clock, dbPath: dbPath);
            Public = Keys.ClientWith(Factory, null);
        }

        public FakeTimeProvider Clock { get; }
        public NewsApiFactory Factory { get; }
        public HttpClient Public { get; }
        public HttpClient Editor { get; private set; } = null!;

        public async Task<Newsroom> WithEditorAsync()
        {
            await new TestContent(Factory).EnsureTaxonomyAsync();
            Editor = await Keys.ClientForRoleAsync(Factory, "editor");
            return this;
        }

        public Task<int> PassAsync() => Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);

        public async Task<long> ScheduleAsync(string headline, DateTimeOffset at)
        {
            var id = (await CreateDraftAsync(Editor, Article(headline, "desh", ["समय"]))).GetProperty("id").GetInt64();
            var scheduled = await PublishAsync(Editor, id, at);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(scheduled.GetProperty("status").GetString(), Is.EqualTo("scheduled"));
                Assert.That(Time(scheduled.GetProperty("publishedAt")), Is.EqualTo(at));
            }
            return id;
        }

        public async Task<HttpStatusCode> PublicStatusAsync(long id) => (await Public.GetAsync($"/v1/articles/{id}")).StatusCode;

        public async Task<List<long>> PublicIdsAsync() => await IdsAsync(Public, "/v1/teasers?limit=100");

        public void Dispose()
        {
            Public.Dispose();
            Editor?.Dispose();
            Factory.Dispose();
        }
    }

    [Test]
    public async Task Scheduled_article_stays_hidden_until_its_time_then_is_published_at_exactly_that_time()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var at = T0.AddMinutes(10);
        var id = await newsroom.ScheduleAsync("दस मिनट बाद की खबर", at);
        Assert.That(await newsroom.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));

        newsroom.Clock.Advance(TimeSpan.FromMinutes(9));
        var early = await newsroom.PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(early, Is.Zero);
            Assert.That(await newsroom.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await newsroom.PublicIdsAsync(), Does.Not.Contain(id));
            Assert.That((await GetAdminAsync(newsroom.Editor, id)).GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        }

        newsroom.Clock.Advance(TimeSpan.FromMinutes(2));
        await newsroom.PassAsync();
        var admin = await GetAdminAsync(newsroom.Editor, id);
        var response = await newsroom.Public.GetAsync($"/v1/articles/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(admin.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(at));
            Assert.That(await newsroom.PublicIdsAsync(), Does.Contain(id));
        }
    }

    [Test]
    public async Task The_scheduler_saves_a_revision_in_its_own_name()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("अनुसूचित संशोधन", T0.AddMinutes(10));
        newsroom.Clock.Advance(TimeSpan.FromMinutes(11));
        await newsroom.PassAsync();
        var revisions = await (await newsroom.Editor.GetAsync($"/v1/admin/articles/{id}/revisions")).JsonAsync();
        var latest = revisions.GetProperty("items")[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(latest.GetProperty("createdBy").GetString(), Is.EqualTo("scheduler"));
            Assert.That(latest.GetProperty("article").GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(revisions.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
        }
    }

    [Test]
    public async Task A_second_pass_publishes_nothing_again()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("एक बार ही", T0.AddMinutes(10));
        newsroom.Clock.Advance(TimeSpan.FromMinutes(11));
        await newsroom.PassAsync();
        var version = (await GetAdminAsync(newsroom.Editor, id)).GetProperty("version").GetInt64();
        var again = await newsroom.PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.Zero);
            Assert.That((await GetAdminAsync(newsroom.Editor, id)).GetProperty("version").GetInt64(), Is.EqualTo(version));
        }
    }

    [Test]
    public async Task Several_due_articles_are_published_in_one_pass_each_at_its_own_time()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var first = await newsroom.ScheduleAsync("पहली अनुसूचित खबर", T0.AddMinutes(5));
        var second = await newsroom.ScheduleAsync("दूसरी अनुसूचित खबर", T0.AddMinutes(20));
        var later = await newsroom.ScheduleAsync("बाद की अनुसूचित खबर", T0.AddHours(2));
        newsroom.Clock.Advance(TimeSpan.FromMinutes(30));
        await newsroom.PassAsync();
        var ids = await newsroom.PublicIdsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.EqualTo(new[] { second, first }), "newest first by their scheduled times");
            Assert.That(Time((await GetAdminAsync(newsroom.Editor, first)).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(5)));
            Assert.That(Time((await GetAdminAsync(newsroom.Editor, second)).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(20)));
            Assert.That((await GetAdminAsync(newsroom.Editor, later)).GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        }
    }

    [Test]
    public async Task An_article_that_fails_to_publish_does_not_hold_back_the_ones_due_after_it()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var broken = await newsroom.ScheduleAsync("टूटी हुई अनुसूचित खबर", T0.AddMinutes(5));
        var healthy = await newsroom.ScheduleAsync("सही अनुसूचित खबर", T0.AddMinutes(10));
        // Stand-in for any per-article failure: a stored time the service cannot read (still due by text order).
        var db = newsroom.Factory.Services.GetRequiredService<NewsApi.Data.Db>();
        await using (var connection = await db.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE articles SET published_at = '2025-08-01T06:05:00Z?' WHERE id = @broken", new { broken });
        }

        newsroom.Clock.Advance(TimeSpan.FromMinutes(11));
        await newsroom.PassAsync();
        var response = await newsroom.Public.GetAsync($"/v1/articles/{healthy}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Time((await response.JsonAsync()).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(10)));
    }

    [Test]
    public async Task Unpublishing_a_scheduled_article_cancels_it()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("रद्द की गई खबर", T0.AddMinutes(10));
        await TransitionOkAsync(newsroom.Editor, id, "unpublish");
        newsroom.Clock.Advance(TimeSpan.FromMinutes(30));
        await newsroom.PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetAdminAsync(newsroom.Editor, id)).GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(await newsroom.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Archiving_a_scheduled_article_cancels_it()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("संग्रहीत अनुसूचित खबर", T0.AddMinutes(10));
        await TransitionOkAsync(newsroom.Editor, id, "archive");
        newsroom.Clock.Advance(TimeSpan.FromMinutes(30));
        await newsroom.PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetAdminAsync(newsroom.Editor, id)).GetProperty("status").GetString(), Is.EqualTo("archived"));
            Assert.That(await newsroom.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Rescheduling_moves_the_publication_time()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("फिर से तय खबर", T0.AddMinutes(10));
        var rescheduled = await PublishAsync(newsroom.Editor, id, T0.AddMinutes(30));
        Assert.That(rescheduled.GetProperty("status").GetString(), Is.EqualTo("scheduled"));

        newsroom.Clock.Advance(TimeSpan.FromMinutes(11));
        await newsroom.PassAsync();
        Assert.That(await newsroom.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));

        newsroom.Clock.Advance(TimeSpan.FromMinutes(20));
        await newsroom.PassAsync();
        var article = await (await newsroom.Public.GetAsync($"/v1/articles/{id}")).JsonAsync();
        Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(30)));
    }

    [Test]
    public async Task The_background_service_publishes_on_its_own_when_the_clock_passes_the_time()
    {
        using var newsroom = await new Newsroom().WithEditorAsync();
        var id = await newsroom.ScheduleAsync("अपने आप प्रकाशित", T0.AddMinutes(10));
        newsroom.Clock.Advance(TimeSpan.FromMinutes(11));
        var article = await PollPublicAsync(newsroom, id);
        Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(10)));
    }

    [Test]
    public async Task After_a_restart_past_the_time_the_article_is_published_at_start_up()
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"newsapi-test-restart-{Guid.NewGuid():N}.db");
        try
        {
            var at = T0.AddMinutes(10);
            long id;
            string editorKey;
            using (var before = await new Newsroom(dbPath).WithEditorAsync())
            {
                id = await before.ScheduleAsync("बंद रहते समय की खबर", at);
                editorKey = await Keys.CreateAsync(before.Factory, "editor", name: "restart editor");
                Assert.That(await before.PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
            }

            // The service was down when the time came; it comes back an hour later. No explicit pass.
            using var after = new Newsroom(dbPath, start: T0.AddHours(1));
            var article = await PollPublicAsync(after, id);
            using var editor = Keys.ClientWith(after.Factory, editorKey);
            var admin = await GetAdminAsync(editor, id);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
                Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(at));
                Assert.That(admin.GetProperty("status").GetString(), Is.EqualTo("published"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(dbPath + suffix); }
                catch (IOException) { }
            }
        }
    }

    /// <summary>Polls the public API (up to <see cref="PollLimit"/>) until the article is there; never runs a pass itself.</summary>
    private static async Task<JsonElement> PollPublicAsync(Newsroom newsroom, long id)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var response = await newsroom.Public.GetAsync($"/v1/articles/{id}");
            if (response.StatusCode == HttpStatusCode.OK) return await response.JsonAsync();
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Article {id} was not published within {PollLimit.TotalSeconds} s: {(int)response.StatusCode}");
            }
            await Task.Delay(50);
        }
    }
}
