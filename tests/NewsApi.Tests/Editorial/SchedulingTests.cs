using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Scheduled publishing on a fake clock: nothing early, on time with publishedAt = the scheduled time,
/// and caught up at start-up after the service was down when the time came.</summary>
[TestFixture]
public sealed class SchedulingTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan PollLimit = TimeSpan.FromSeconds(30); // generous: a loaded CI machine is slow, and success returns at once

    protected override bool ServicePerTest => true;

    protected override DateTimeOffset? ClockStart => T0;

    private Task<int> PassAsync() => Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);

    private async Task<long> ScheduleAsync(string headline, DateTimeOffset at)
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

    private async Task<HttpStatusCode> PublicStatusAsync(long id) => (await Public.GetAsync($"/v1/articles/{id}")).StatusCode;

    private async Task<List<long>> PublicIdsAsync() => await IdsAsync(Public, "/v1/teasers?limit=100");

    [Test]
    public async Task Scheduled_article_stays_hidden_until_its_time_then_is_published_at_exactly_that_time()
    {
        var at = T0.AddMinutes(10);
        var id = await ScheduleAsync("दस मिनट बाद की खबर", at);
        Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));

        Clock.Advance(TimeSpan.FromMinutes(9));
        var early = await PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(early, Is.Zero);
            Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await PublicIdsAsync(), Does.Not.Contain(id));
            Assert.That((await GetAdminAsync(Editor, id)).GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        }

        Clock.Advance(TimeSpan.FromMinutes(2));
        await PassAsync();
        var admin = await GetAdminAsync(Editor, id);
        var response = await Public.GetAsync($"/v1/articles/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(admin.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(at));
            Assert.That(await PublicIdsAsync(), Does.Contain(id));
        }
    }

    [Test]
    public async Task The_scheduler_saves_a_revision_in_its_own_name()
    {
        var id = await ScheduleAsync("अनुसूचित संशोधन", T0.AddMinutes(10));
        Clock.Advance(TimeSpan.FromMinutes(11));
        await PassAsync();
        var revisions = await (await Editor.GetAsync($"/v1/admin/articles/{id}/revisions")).JsonAsync();
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
        var id = await ScheduleAsync("एक बार ही", T0.AddMinutes(10));
        Clock.Advance(TimeSpan.FromMinutes(11));
        await PassAsync();
        var version = (await GetAdminAsync(Editor, id)).GetProperty("version").GetInt64();
        var again = await PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again, Is.Zero);
            Assert.That((await GetAdminAsync(Editor, id)).GetProperty("version").GetInt64(), Is.EqualTo(version));
        }
    }

    [Test]
    public async Task Several_due_articles_are_published_in_one_pass_each_at_its_own_time()
    {
        var first = await ScheduleAsync("पहली अनुसूचित खबर", T0.AddMinutes(5));
        var second = await ScheduleAsync("दूसरी अनुसूचित खबर", T0.AddMinutes(20));
        var later = await ScheduleAsync("बाद की अनुसूचित खबर", T0.AddHours(2));
        Clock.Advance(TimeSpan.FromMinutes(30));
        await PassAsync();
        var ids = await PublicIdsAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids, Is.EqualTo(new[] { second, first }), "newest first by their scheduled times");
            Assert.That(Time((await GetAdminAsync(Editor, first)).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(5)));
            Assert.That(Time((await GetAdminAsync(Editor, second)).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(20)));
            Assert.That((await GetAdminAsync(Editor, later)).GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        }
    }

    [Test]
    public async Task An_article_that_fails_to_publish_does_not_hold_back_the_ones_due_after_it()
    {
        var broken = await ScheduleAsync("टूटी हुई अनुसूचित खबर", T0.AddMinutes(5));
        var healthy = await ScheduleAsync("सही अनुसूचित खबर", T0.AddMinutes(10));
        // Stand-in for any per-article failure: a stored time the service cannot read (still due by text order).
        var db = Factory.Services.GetRequiredService<NewsApi.Data.Db>();
        await using (var connection = await db.OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE articles SET published_at = '2025-08-01T06:05:00Z?' WHERE id = @broken", new { broken });
        }

        Clock.Advance(TimeSpan.FromMinutes(11));
        await PassAsync();
        var response = await Public.GetAsync($"/v1/articles/{healthy}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(Time((await response.JsonAsync()).GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(10)));
    }

    [Test]
    public async Task Unpublishing_a_scheduled_article_cancels_it()
    {
        var id = await ScheduleAsync("रद्द की गई खबर", T0.AddMinutes(10));
        await TransitionOkAsync(Editor, id, "unpublish");
        Clock.Advance(TimeSpan.FromMinutes(30));
        await PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetAdminAsync(Editor, id)).GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Archiving_a_scheduled_article_cancels_it()
    {
        var id = await ScheduleAsync("संग्रहीत अनुसूचित खबर", T0.AddMinutes(10));
        await TransitionOkAsync(Editor, id, "archive");
        Clock.Advance(TimeSpan.FromMinutes(30));
        await PassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await GetAdminAsync(Editor, id)).GetProperty("status").GetString(), Is.EqualTo("archived"));
            Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Rescheduling_moves_the_publication_time()
    {
        var id = await ScheduleAsync("फिर से तय खबर", T0.AddMinutes(10));
        var rescheduled = await PublishAsync(Editor, id, T0.AddMinutes(30));
        Assert.That(rescheduled.GetProperty("status").GetString(), Is.EqualTo("scheduled"));

        Clock.Advance(TimeSpan.FromMinutes(11));
        await PassAsync();
        Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));

        Clock.Advance(TimeSpan.FromMinutes(20));
        await PassAsync();
        var article = await (await Public.GetAsync($"/v1/articles/{id}")).JsonAsync();
        Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(30)));
    }

    [Test]
    public async Task The_background_service_publishes_on_its_own_when_the_clock_passes_the_time()
    {
        var id = await ScheduleAsync("अपने आप प्रकाशित", T0.AddMinutes(10));
        Clock.Advance(TimeSpan.FromMinutes(11));
        var article = await PollPublicAsync(id);
        Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(T0.AddMinutes(10)));
    }

    [Test]
    public async Task After_a_restart_past_the_time_the_article_is_published_at_start_up()
    {
        var at = T0.AddMinutes(10);
        var id = await ScheduleAsync("बंद रहते समय की खबर", at);
        var editorKey = await Keys.CreateAsync(Factory, "editor", name: "restart editor");
        Assert.That(await PublicStatusAsync(id), Is.EqualTo(HttpStatusCode.NotFound));

        // The service was down when the time came; it comes back an hour later. No explicit pass.
        Restart(T0.AddHours(1));
        var article = await PollPublicAsync(id);
        var editor = ClientWith(editorKey);
        var admin = await GetAdminAsync(editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(at));
            Assert.That(admin.GetProperty("status").GetString(), Is.EqualTo("published"));
        }
    }

    /// <summary>Polls the public API (up to <see cref="PollLimit"/>) until the article is there; never runs a pass itself.</summary>
    private async Task<JsonElement> PollPublicAsync(long id)
    {
        var deadline = DateTime.UtcNow + PollLimit;
        while (true)
        {
            var response = await Public.GetAsync($"/v1/articles/{id}");
            if (response.StatusCode == HttpStatusCode.OK) return await response.JsonAsync();
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Article {id} was not published within {PollLimit.TotalSeconds} s: {(int)response.StatusCode}");
            }
            await Task.Delay(50);
        }
    }
}
