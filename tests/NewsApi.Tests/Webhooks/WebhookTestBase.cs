using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Webhooks;

/// <summary>The service (receivers on 127.0.0.1 allowed, as <see cref="NewsApiFactory"/> sets for every test) on a fake clock
/// that starts at the real time (so the StandardWebhooks library's five-minute timestamp check holds for a
/// first delivery), and what webhook tests share: subscribing, reading the delivery log.</summary>
public abstract class WebhookTestBase : ApiTestBase
{
    protected const string WebhooksUrl = "/v1/admin/webhooks";

    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected override bool ServicePerTest => true;

    protected override DateTimeOffset? ClockStart => DateTimeOffset.UtcNow;

    /// <summary>Subscribes <paramref name="receiver"/> (which then verifies with the new secret); returns the subscription.</summary>
    protected async Task<(long Id, string Secret)> SubscribeAsync(WebhookReceiver receiver, params string[] events)
    {
        using var response = await Admin.PostAsJsonAsync(WebhooksUrl, new { url = receiver.Url, events = events.Length == 0 ? ["*"] : events, description = "परीक्षण" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await response.JsonAsync();
        receiver.Secret = created.GetProperty("secret").GetString();
        return (created.GetProperty("id").GetInt64(), receiver.Secret!);
    }

    protected async Task<JsonElement> WebhookAsync(long id)
    {
        using var response = await Admin.GetAsync($"{WebhooksUrl}/{id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    /// <summary>The delivery log, newest first.</summary>
    protected async Task<List<JsonElement>> DeliveriesAsync(long id)
    {
        using var response = await Admin.GetAsync($"{WebhooksUrl}/{id}/deliveries?limit=100");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    /// <summary>Waits (real time) until the log holds <paramref name="count"/> attempts: the dispatcher records an
    /// attempt just after the receiver answers, and the next retry is scheduled from it.</summary>
    protected async Task<List<JsonElement>> AttemptsAsync(long id, int count)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var log = await DeliveriesAsync(id);
            if (log.Count >= count) return log;
            if (DateTime.UtcNow > deadline) Assert.Fail($"Webhook {id} logged {log.Count} attempts, not {count}, within {Patience}.");
            await Task.Delay(50);
        }
    }
}
