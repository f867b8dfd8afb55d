using Dapper;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>LastModifiedTests for the content clock itself: clocks that disagree, lists an article leaves, renames, writes that
/// change nothing, embargoes, and two instances on one database.</summary>
public sealed partial class LastModifiedTests
{
    [Test]
    public async Task A_clock_that_ran_ahead_elsewhere_neither_dates_answers_in_the_future_nor_freezes_them()
    {
        var (id, _, _) = await NewestAsync();
        // Another instance with a fast clock recorded a change five minutes from now.
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync())
            await connection.ExecuteAsync("UPDATE settings SET value = @ahead WHERE name = 'content_changed_at'",
                new { ahead = DbTime.ToText(Clock.GetUtcNow().AddMinutes(5)) });
        Clock.Advance(TimeSpan.FromSeconds(2));
        var served = await GetSinceAsync(Public, "/v1/teasers", Clock.GetUtcNow().AddMinutes(-1));
        var lastModified = served.Content.Headers.LastModified!.Value;
        Assert.That(lastModified, Is.LessThanOrEqualTo(Clock.GetUtcNow()), "never later than the answer's own date");

        Assert.That((await TransitionAsync(Editor, id, "unpublish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((await GetSinceAsync(Public, "/v1/teasers", lastModified)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the unpublish is not hidden");
    }

    [Test]
    public async Task A_list_an_article_has_left_is_not_kept_alive_by_if_modified_since()
    {
        var (id, _, _) = await NewestAsync();
        var before = await Public.GetAsync("/v1/teasers");
        var lastModified = before.Content.Headers.LastModified!.Value;
        Assert.That((await GetSinceAsync(Public, "/v1/teasers", lastModified)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "nothing changed yet");

        Clock.Advance(TimeSpan.FromSeconds(3));
        var unpublished = await TransitionAsync(Editor, id, "unpublish");
        Assert.That(unpublished.StatusCode, Is.EqualTo(HttpStatusCode.OK), await unpublished.Content.ReadAsStringAsync());

        var after = await GetSinceAsync(Public, "/v1/teasers", lastModified);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(after.Content.Headers.LastModified, Is.GreaterThan(lastModified));
        Assert.That(await IdsAsync(Public, "/v1/teasers?limit=100"), Does.Not.Contain(id));
        Assert.That((await GetSinceAsync(Public, "/v1/teasers", after.Content.Headers.LastModified!.Value)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task Renaming_its_section_makes_an_article_modified_though_its_own_date_stays()
    {
        var (id, _, section) = await NewestAsync();
        var before = await Public.GetAsync($"/v1/articles/{id}");
        var lastModified = before.Content.Headers.LastModified!.Value;
        var updatedAt = (await before.JsonAsync()).GetProperty("updatedAt").GetDateTimeOffset();

        Clock.Advance(TimeSpan.FromSeconds(3));
        var admin = await Editor.GetAsync("/v1/admin/sections/" + Uri.EscapeDataString(section));
        var current = await admin.JsonAsync();
        using var rename = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/sections/" + Uri.EscapeDataString(section))
        {
            Content = JsonContent.Create(new { name = "अंतर्राष्ट्रीय ख़बरें", slug = section, parent = current.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetProperty("slug").GetString() : null }),
        };
        rename.Headers.IfMatch.Add(admin.Headers.ETag!);
        var renamed = await Editor.SendAsync(rename);
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renamed.Content.ReadAsStringAsync());

        var after = await GetSinceAsync(Public, $"/v1/articles/{id}", lastModified);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var article = await after.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("section").GetProperty("name").GetString(), Is.EqualTo("अंतर्राष्ट्रीय ख़बरें".Normalize()));
            Assert.That(article.GetProperty("updatedAt").GetDateTimeOffset(), Is.EqualTo(updatedAt), "the article itself was not written");
            Assert.That(after.Content.Headers.LastModified, Is.GreaterThan(lastModified));
        }
    }

    [Test]
    public async Task A_failed_write_or_a_preview_token_does_not_move_the_clock()
    {
        var before = (await Public.GetAsync("/v1/articles")).Content.Headers.LastModified!.Value;
        Clock.Advance(TimeSpan.FromSeconds(3));
        var refused = await Editor.PostAsJsonAsync("/v1/admin/articles", new { headline = "" }, NewsApiFactory.Json);
        await refused.AssertProblemAsync(400);
        // Nor does a write that changes nothing anyone reads.
        var (id, _, _) = await NewestAsync();
        Assert.That((await Editor.PostAsync($"/v1/admin/articles/{id}/preview-token", null)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetSinceAsync(Public, "/v1/articles", before)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [Test]
    public async Task An_ended_embargo_moves_the_lists_last_modified_at_the_next_scheduler_pass()
    {
        var draft = await CreateDraftAsync(Editor, Article("प्रतिबंधित बजट ख़बर", "desh", ["बजट"], embargoUntil: Clock.GetUtcNow().AddHours(1)));
        var id = draft.GetProperty("id").GetInt64();
        await PublishAsync(Editor, id);
        Clock.Advance(TimeSpan.FromSeconds(3));
        var lastModified = (await Public.GetAsync("/v1/teasers")).Content.Headers.LastModified!.Value;

        Clock.Advance(TimeSpan.FromHours(2)); // the embargo ends; the scheduler's timer fires on the fake clock
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage after;
        do
        {
            after = await GetSinceAsync(Public, "/v1/teasers?limit=100", lastModified);
            if (after.StatusCode == HttpStatusCode.OK || DateTime.UtcNow > deadline) break;
            await Task.Delay(50);
        }
        while (true);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the list changed when the embargo ended");
        Assert.That((await after.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()), Does.Contain(id));
    }

    /// <summary>Two services on one file, on the real clock.</summary>
    [TestFixture]
    public sealed class TwoInstances : ApiTestBase
    {
        protected override Contents StartWith => Contents.Demo;

        [Test]
        public async Task Instances_sharing_a_database_agree_on_when_content_changed()
        {
            // A write on one moves the other's Last-Modified within a second.
            using var second = new NewsApiFactory(demoContent: true, dbPath: Factory.DbPath);
            using var secondPublic = Keys.ClientWith(second, null);
            var id = (await (await secondPublic.GetAsync("/v1/articles?limit=1")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();
            await Task.Delay(TimeSpan.FromSeconds(1.1)); // the next change falls in a later HTTP-date second
            var before = (await secondPublic.GetAsync("/v1/teasers")).Content.Headers.LastModified!.Value;
            Assert.That((await TransitionAsync(Editor, id, "unpublish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            await Task.Delay(TimeSpan.FromSeconds(1.1)); // the second instance reads the shared clock at most once a second
            var after = await GetSinceAsync(secondPublic, "/v1/teasers", before);
            Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the other instance's write is seen");
            Assert.That(after.Content.Headers.LastModified, Is.GreaterThan(before));
        }
    }
}
