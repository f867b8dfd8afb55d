using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Webhooks;

/// <summary>Events reach a real receiver, signed so that the StandardWebhooks library verifies them, for every
/// transition (the scheduler's too), in order, and only those the subscription asked for.</summary>
[TestFixture]
public sealed class WebhookDeliveryTests : WebhookTestBase
{
    private WebhookReceiver _receiver = null!;

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task Every_public_transition_arrives_verified_with_a_small_payload_and_a_draft_raises_nothing()
    {
        await SubscribeAsync(_receiver);
        const string headline = "बाढ़ से प्रभावित गाँवों में राहत पहुँची";
        var (id, etag) = await CreatedAsync(Editor, Article(headline, "desh", ["बाढ़"]));
        using (var edit = await PatchAsync(Editor, id, new { subheadline = "मसौदे का संपादन" }, etag)) Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var published = await PublishAsync(Editor, id);
        var first = await _receiver.NextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Type, Is.EqualTo("article.published"), "the draft's edit before it raised nothing");
            Assert.That(first.Verified, Is.True, "the StandardWebhooks library verifies the signature with the subscription's secret");
            Assert.That(first.Id, Does.StartWith("msg_"));
            Assert.That(long.Parse(first.Timestamp), Is.EqualTo(Clock.GetUtcNow().ToUnixTimeSeconds()).Within(5));
            var data = first.Json.GetProperty("data");
            Assert.That(data.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(data.GetProperty("uri").GetString(), Is.EqualTo($"urn:newsapi:article:{id}"));
            Assert.That(data.GetProperty("headline").GetString(), Is.EqualTo(headline), "Hindi arrives as written");
            Assert.That(data.GetProperty("slug").GetString(), Is.EqualTo(published.GetProperty("slug").GetString()));
            Assert.That(data.GetProperty("url").GetString(), Is.EqualTo(published.GetProperty("url").GetString()));
            Assert.That(data.GetProperty("version").GetInt64(), Is.EqualTo(published.GetProperty("version").GetInt64()));
            Assert.That(first.Body, Does.Contain("बाढ़"), "UTF-8, not \\u escapes");
            Assert.That(first.Json.GetProperty("timestamp").GetDateTimeOffset(), Is.EqualTo(Clock.GetUtcNow()).Within(TimeSpan.FromSeconds(5)));
        }

        using (var edit = await PatchAsync(Editor, id, new { subheadline = "नया उप-शीर्षक" }, ETag(published.GetProperty("version").GetInt64())))
            Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await TransitionOkAsync(Editor, id, "unpublish");
        await PublishAsync(Editor, id);
        using (var delete = await DeleteAsync(Editor, id, ETag(await VersionAsync(Editor, id)))) Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        var rest = new List<ReceivedWebhook>();
        for (var i = 0; i < 4; i++) rest.Add(await _receiver.NextAsync());
        Assert.That(rest.Select(r => r.Type), Is.EqualTo(new[] { "article.updated", "article.unpublished", "article.published", "article.deleted" }));
        Assert.That(rest.All(r => r.Verified), Is.True);
        Assert.That(rest.Select(r => r.Id).Append(first.Id).Distinct().Count(), Is.EqualTo(5), "each event has its own webhook-id");
    }

    [Test]
    public async Task A_subscription_hears_only_the_events_it_asked_for()
    {
        await using var everything = await WebhookReceiver.StartAsync();
        await SubscribeAsync(_receiver, "article.unpublished");
        await SubscribeAsync(everything, "*");
        var (id, _) = await PublishedAsync(Editor);
        await TransitionOkAsync(Editor, id, "unpublish");

        Assert.That((await everything.NextAsync()).Type, Is.EqualTo("article.published"));
        Assert.That((await everything.NextAsync()).Type, Is.EqualTo("article.unpublished"));
        Assert.That((await _receiver.NextAsync()).Type, Is.EqualTo("article.unpublished"));
        Assert.That(_receiver.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_failing_receiver_gets_the_same_event_again_after_5_s_5_min_and_30_min_and_the_log_says_so()
    {
        var (webhook, _) = await SubscribeAsync(_receiver);
        _receiver.FailNext(3, 500);
        await PublishedAsync(Editor);

        var ids = new List<string> { (await _receiver.NextAsync()).Id };
        foreach (var wait in new[] { TimeSpan.FromSeconds(6.1), TimeSpan.FromMinutes(6.1), TimeSpan.FromMinutes(36.1) })
        {
            var log = await AttemptsAsync(webhook, ids.Count);
            Assert.That(log[0].GetProperty("nextAttemptAt").GetDateTimeOffset() - log[0].GetProperty("at").GetDateTimeOffset(),
                Is.InRange(wait / 1.22 * 0.8, wait), "backoff with up to a fifth of jitter");
            Clock.Advance(wait);
            ids.Add((await _receiver.NextAsync()).Id);
        }

        var attempts = await AttemptsAsync(webhook, 4);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Distinct().Count(), Is.EqualTo(1), "webhook-id is stable across retries: receivers deduplicate by it");
            Assert.That(attempts.Select(a => a.GetProperty("attempt").GetInt32()), Is.EqualTo(new[] { 4, 3, 2, 1 }), "newest first");
            Assert.That(attempts.Select(a => a.GetProperty("statusCode").GetInt32()), Is.EqualTo(new[] { 204, 500, 500, 500 }));
            Assert.That(attempts[0].GetProperty("nextAttemptAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(attempts[0].GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(attempts[1].GetProperty("error").GetString(), Does.Contain("500"));
            Assert.That(attempts.All(a => a.GetProperty("eventId").GetString() == ids[0] && a.GetProperty("event").GetString() == "article.published"), Is.True);
            Assert.That((await WebhookAsync(webhook)).GetProperty("failingSince").ValueKind, Is.EqualTo(JsonValueKind.Null), "a success ends the failure streak");
        }
    }

    [Test]
    public async Task Events_for_one_subscription_go_out_in_order_even_when_the_first_needs_a_retry()
    {
        await SubscribeAsync(_receiver);
        _receiver.FailNext(1);
        var (id, version) = await PublishedAsync(Editor);
        using (var edit = await PatchAsync(Editor, id, new { subheadline = "बाद का बदलाव" }, ETag(version))) Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var failed = await _receiver.NextAsync();
        Assert.That(await _receiver.AnyWithinAsync(TimeSpan.FromMilliseconds(500)), Is.False, "the update waits behind the published event's retry");
        Clock.Advance(TimeSpan.FromSeconds(6.1));
        var retried = await _receiver.NextAsync();
        var updated = await _receiver.NextAsync();
        Assert.That(new[] { failed.Type, retried.Type, updated.Type }, Is.EqualTo(new[] { "article.published", "article.published", "article.updated" }));
        Assert.That(retried.Id, Is.EqualTo(failed.Id));
    }

    [Test]
    public async Task Scheduled_publication_and_an_ending_embargo_raise_article_published_when_they_happen()
    {
        await SubscribeAsync(_receiver, "article.published");
        var scheduled = (await CreateDraftAsync(Editor, Article("कल सुबह की खबर"))).GetProperty("id").GetInt64();
        await PublishAsync(Editor, scheduled, Clock.GetUtcNow().AddMinutes(10));
        var (embargoed, etag) = await CreatedAsync(Editor, Article("प्रतिबंध वाली खबर", embargoUntil: Clock.GetUtcNow().AddMinutes(20)));
        await PublishWithETagAsync(Editor, embargoed, etag);
        Assert.That(await _receiver.AnyWithinAsync(TimeSpan.FromMilliseconds(500)), Is.False, "neither is public yet");

        var publisher = Factory.Services.GetRequiredService<ScheduledPublisher>();
        Clock.Advance(TimeSpan.FromMinutes(11));
        await publisher.PublishDueAsync(CancellationToken.None);
        Assert.That((await _receiver.NextAsync()).Json.GetProperty("data").GetProperty("id").GetInt64(), Is.EqualTo(scheduled));

        Clock.Advance(TimeSpan.FromMinutes(10));
        await publisher.PublishDueAsync(CancellationToken.None);
        Assert.That((await _receiver.NextAsync()).Json.GetProperty("data").GetProperty("id").GetInt64(), Is.EqualTo(embargoed));
        Assert.That(await _receiver.AnyWithinAsync(TimeSpan.FromMilliseconds(300)), Is.False, "each once");
    }

    [Test]
    public async Task A_receiver_that_never_answers_delays_neither_the_write_nor_another_subscription()
    {
        await using var healthy = await WebhookReceiver.StartAsync();
        await SubscribeAsync(_receiver);
        await SubscribeAsync(healthy);
        _receiver.Hang();

        // Were a write to wait for its webhooks, it would wait on the hung receiver until released: never, here.
        var write = PublishedAsync(Editor);
        Assert.That(await Task.WhenAny(write, Task.Delay(Patience)), Is.SameAs(write), "the write returned while the receiver hangs");
        var (id, version) = await write;
        Assert.That((await healthy.NextAsync()).Type, Is.EqualTo("article.published"));
        using (var edit = await PatchAsync(Editor, id, new { subheadline = "फिर बदला" }, ETag(version))) Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await healthy.NextAsync()).Type, Is.EqualTo("article.updated"));
        Assert.That((await _receiver.NextAsync()).Type, Is.EqualTo("article.published"), "the hung receiver got its request, and still holds it");
    }

    [Test]
    public async Task The_dispatcher_waits_rather_than_spins_while_a_delivery_is_under_way()
    {
        await SubscribeAsync(_receiver);
        _receiver.Hang();
        await PublishedAsync(Editor);
        await _receiver.NextAsync();
        var dispatcher = Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NewsApi.Webhooks.WebhookDispatcher>().Single();
        var before = dispatcher.Passes;
        await Task.Delay(TimeSpan.FromSeconds(2));
        // Each pass reads the outbox twice: a spinning dispatcher makes thousands in two seconds (a core's worth).
        Assert.That(dispatcher.Passes - before, Is.LessThan(20));
    }

    [Test]
    public async Task A_ping_does_not_wait_behind_an_older_event_backing_off()
    {
        var (webhook, _) = await SubscribeAsync(_receiver);
        _receiver.FailNext(1);
        await PublishedAsync(Editor);
        var failed = await _receiver.NextAsync();
        await AttemptsAsync(webhook, 1);

        // No clock advance: the retry is minutes away on this clock, yet both go out now, oldest first.
        using (var ping = await Admin.PostAsync($"{WebhooksUrl}/{webhook}/ping", null)) Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var retried = await _receiver.NextAsync();
        var pinged = await _receiver.NextAsync();
        Assert.That((retried.Id, pinged.Type), Is.EqualTo((failed.Id, "webhook.ping")));
    }

    [Test]
    public async Task An_event_cut_short_by_a_restart_or_waiting_for_a_retry_is_delivered_after_it_with_the_same_id()
    {
        await SubscribeAsync(_receiver);
        _receiver.FailNext(1);
        await PublishedAsync(Editor);
        var failed = await _receiver.NextAsync();

        // Down for the retry's due time, then up again: the outbox is in the database, not in memory.
        Restart(Clock.GetUtcNow().AddSeconds(30));
        var delivered = await _receiver.NextAsync();
        Assert.That(delivered.Id, Is.EqualTo(failed.Id));
        Assert.That(delivered.Verified, Is.True);

        // A delivery under way when the service stops is not counted, so it is sent again.
        await using var second = await WebhookReceiver.StartAsync();
        await SubscribeAsync(second);
        second.Hang();
        await PublishedAsync(Editor);
        var cut = await second.NextAsync();
        Restart(Clock.GetUtcNow().AddSeconds(1));
        second.Release();
        Assert.That((await second.NextAsync()).Id, Is.EqualTo(cut.Id));
    }

    [Test]
    public async Task Ping_and_redeliver_go_through_the_outbox_signed_like_any_event()
    {
        var (webhook, _) = await SubscribeAsync(_receiver, "article.deleted");
        using var ping = await Admin.PostAsync($"{WebhooksUrl}/{webhook}/ping", null);
        Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await ping.Content.ReadAsStringAsync());
        Assert.That(ping.Headers.Location?.OriginalString, Is.EqualTo($"{WebhooksUrl}/{webhook}/deliveries"));
        var queued = await ping.JsonAsync();
        var received = await _receiver.NextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(received.Type, Is.EqualTo("webhook.ping"), "a ping reaches a subscription whatever events it chose");
            Assert.That(received.Verified, Is.True);
            Assert.That(received.Id, Is.EqualTo(queued.GetProperty("eventId").GetString()));
            Assert.That(received.Json.GetProperty("data").GetProperty("webhookId").GetInt64(), Is.EqualTo(webhook));
        }

        await AttemptsAsync(webhook, 1);
        using var again = await Admin.PostAsync($"{WebhooksUrl}/{webhook}/deliveries/{received.Id}/redeliver", null);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await again.Content.ReadAsStringAsync());
        Assert.That((await _receiver.NextAsync()).Id, Is.EqualTo(received.Id));
        var log = await AttemptsAsync(webhook, 2);
        Assert.That(log.Select(a => a.GetProperty("eventId").GetString()).Distinct(), Is.EqualTo(new[] { received.Id }));
    }

    [Test]
    public async Task After_a_rotation_both_secrets_sign_for_a_day_then_only_the_new_one()
    {
        var (webhook, oldSecret) = await SubscribeAsync(_receiver);
        using var rotation = await Admin.PostAsync($"{WebhooksUrl}/{webhook}/rotate-secret", null);
        var newSecret = (await rotation.JsonAsync()).GetProperty("secret").GetString()!;
        await PublishedAsync(Editor);

        var during = await _receiver.NextAsync();
        var signatures = during.Signature.Split(' ');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(during.Verified, Is.True, "a partner still on the old secret verifies with the library");
            Assert.That(signatures, Has.Length.EqualTo(2));
            Assert.That(signatures[0], Is.EqualTo("v1," + NewsApi.Webhooks.WebhookSignature.Sign(during.Id, long.Parse(during.Timestamp), during.Body, oldSecret)),
                "the previous secret's first: StandardWebhooks 1.1.2 checks only the first of two");
            Assert.That(signatures[1], Is.EqualTo("v1," + NewsApi.Webhooks.WebhookSignature.Sign(during.Id, long.Parse(during.Timestamp), during.Body, newSecret)),
                "a partner who switched verifies the second (any Standard Webhooks verifier that checks every signature)");
            Assert.That(Verifies(newSecret, during with { Signature = signatures[1] }), Is.True, "the new secret's signature is a real one");
        }

        Clock.Advance(TimeSpan.FromHours(25));
        using (var ping = await Admin.PostAsync($"{WebhooksUrl}/{webhook}/ping", null)) Assert.That(ping.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        var after = await _receiver.NextAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.Signature.Split(' '), Has.Length.EqualTo(1));
            // By hand: a day on the fake clock is past the library's five-minute timestamp check.
            Assert.That(after.Signature, Is.EqualTo("v1," + NewsApi.Webhooks.WebhookSignature.Sign(after.Id, long.Parse(after.Timestamp), after.Body, newSecret)));
            Assert.That(after.Signature, Does.Not.Contain(NewsApi.Webhooks.WebhookSignature.Sign(after.Id, long.Parse(after.Timestamp), after.Body, oldSecret)));
        }
    }

    private static bool Verifies(string secret, ReceivedWebhook received)
    {
        var headers = new Microsoft.AspNetCore.Http.HeaderDictionary
        {
            ["webhook-id"] = received.Id,
            ["webhook-timestamp"] = received.Timestamp,
            ["webhook-signature"] = received.Signature,
        };
        try
        {
            new StandardWebhooks.StandardWebhook(secret).Verify(received.Body, headers);
            return true;
        }
        catch (StandardWebhooks.Diagnostics.WebhookVerificationException)
        {
            return false;
        }
    }

    [Test]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var elsewhere = await WebhookReceiver.StartAsync("/elsewhere");
        var (webhook, _) = await SubscribeAsync(_receiver);
        _receiver.RedirectNext(elsewhere.Url);
        await PublishedAsync(Editor);

        var attempt = (await AttemptsAsync(webhook, 1))[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempt.GetProperty("statusCode").GetInt32(), Is.EqualTo(302));
            Assert.That(attempt.GetProperty("error").GetString(), Does.Contain("Redirects are not followed"));
            Assert.That(attempt.GetProperty("nextAttemptAt").ValueKind, Is.EqualTo(JsonValueKind.String), "retried later, at the subscribed URL");
            Assert.That(await elsewhere.AnyWithinAsync(TimeSpan.FromMilliseconds(500)), Is.False, "the redirect's target heard nothing");
        }
    }
}
