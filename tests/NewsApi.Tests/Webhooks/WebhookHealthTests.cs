using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Webhooks;

/// <summary>What the dispatcher does about a receiver that keeps failing: gives an event up after the last retry,
/// turns the subscription off on 410 Gone or after failing for <c>Webhooks:DisableAfter</c> (ten minutes here,
/// five days by default; two retries here), says why, and takes it back when an admin turns it on again.</summary>
[TestFixture]
public sealed class WebhookHealthTests : WebhookTestBase
{
    private WebhookReceiver _receiver = null!;

    protected override void ConfigureSettings(Dictionary<string, string?> settings)
    {
        settings["Webhooks:DisableAfter"] = "00:10:00";
        settings["Webhooks:RetrySchedule:0"] = "00:00:05";
        settings["Webhooks:RetrySchedule:1"] = "00:05:00";
    }

    [SetUp]
    public async Task StartReceiverAsync() => _receiver = await WebhookReceiver.StartAsync();

    [TearDown]
    public async Task StopReceiverAsync() => await _receiver.DisposeAsync();

    [Test]
    public async Task Gone_turns_the_subscription_off_until_an_admin_turns_it_on()
    {
        var (webhook, _) = await SubscribeAsync(_receiver);
        _receiver.FailNext(1, 410);
        await PublishedAsync(Editor);
        await _receiver.NextAsync();
        var attempt = (await AttemptsAsync(webhook, 1))[0];
        var off = await WebhookAsync(webhook);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(attempt.GetProperty("statusCode").GetInt32(), Is.EqualTo(410));
            Assert.That(attempt.GetProperty("nextAttemptAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "not retried");
            Assert.That(off.GetProperty("active").GetBoolean(), Is.False);
            Assert.That(off.GetProperty("disabledReason").GetString(), Does.Contain("410 Gone"));
        }

        await PublishedAsync(Editor);
        Assert.That(await _receiver.AnyWithinAsync(TimeSpan.FromMilliseconds(500)), Is.False, "nothing is queued for a subscription that is off");

        using var on = await SendAsync(Admin, HttpMethod.Patch, $"{WebhooksUrl}/{webhook}", new { active = true }, ETag(off.GetProperty("version").GetInt64()),
            "application/merge-patch+json");
        Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.OK), await on.Content.ReadAsStringAsync());
        Assert.That((await on.JsonAsync()).GetProperty("disabledReason").ValueKind, Is.EqualTo(JsonValueKind.Null));
        await PublishedAsync(Editor);
        Assert.That((await _receiver.NextAsync()).Type, Is.EqualTo("article.published"));
    }

    [Test]
    public async Task An_event_is_given_up_after_the_last_retry_and_a_subscription_failing_too_long_is_turned_off()
    {
        var (webhook, _) = await SubscribeAsync(_receiver);
        _receiver.FailNext(100, 503);
        await PublishedAsync(Editor);
        await _receiver.NextAsync();
        await AttemptsAsync(webhook, 1);
        Clock.Advance(TimeSpan.FromSeconds(6.1));
        await _receiver.NextAsync();
        await AttemptsAsync(webhook, 2);
        Clock.Advance(TimeSpan.FromMinutes(6.1));
        await _receiver.NextAsync();
        var givenUp = (await AttemptsAsync(webhook, 3))[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(givenUp.GetProperty("attempt").GetInt32(), Is.EqualTo(3));
            Assert.That(givenUp.GetProperty("error").GetString(), Does.Contain("Given up"));
            Assert.That(givenUp.GetProperty("nextAttemptAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That((await WebhookAsync(webhook)).GetProperty("failingSince").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That((await WebhookAsync(webhook)).GetProperty("active").GetBoolean(), Is.True, "six minutes of failures is not yet ten");
        }

        // The next event fails too; once the streak passes ten minutes the subscription is turned off.
        await PublishedAsync(Editor);
        await _receiver.NextAsync();
        await AttemptsAsync(webhook, 4);
        Clock.Advance(TimeSpan.FromSeconds(6.1));
        await _receiver.NextAsync();
        await AttemptsAsync(webhook, 5);
        Clock.Advance(TimeSpan.FromMinutes(6.1));
        await _receiver.NextAsync();
        await AttemptsAsync(webhook, 6);
        var off = await WebhookAsync(webhook);
        Assert.That(off.GetProperty("active").GetBoolean(), Is.False);
        Assert.That(off.GetProperty("disabledReason").GetString(), Does.Contain("failed"));
    }
}
