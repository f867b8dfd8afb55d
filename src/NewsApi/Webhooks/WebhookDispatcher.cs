using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;

namespace NewsApi.Webhooks;

/// <summary>Delivers the webhook outbox. Each subscription gets its events one at a time, oldest first, on a task
/// of its own, so a slow or dead receiver holds up only itself; writes never wait for any of it (they only queue
/// rows). Woken by every commit that may have queued an event, and polling besides. An attempt that a shutdown
/// cuts short is not recorded: the event stays pending and goes out again (same webhook-id) after the restart.
/// Retries follow <c>Webhooks:RetrySchedule</c>, the outbox's own schedule across restarts, which is why no
/// in-memory retry policy (Polly) wraps the client.</summary>
public sealed class WebhookDispatcher(WebhookRepository webhooks, IHttpClientFactory httpClients, IOptions<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LogRetention = TimeSpan.FromDays(30);
    private static readonly TimeSpan RecordRetry = TimeSpan.FromSeconds(5);

    private readonly WebhookOptions _options = options.Value;
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();

    // A pass reads the due events, then claims their subscriptions; a delivery records its attempt, then gives its
    // subscription back. Both under this gate, so a pass never claims with a reading taken before an attempt was
    // recorded (which would send the event again).
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _nextPrune;
    private long _passes;

    /// <summary>How many times the dispatcher has looked for due events (diagnostics: a busy loop shows here).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await StartDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database was busy or failed: the events are still there, and so are their due times.
                logger.LogWarning(e, "Reading the webhook outbox failed; trying again in a second");
                wait = TimeSpan.FromSeconds(1);
            }
            await webhooks.Signal.WaitAsync(wait, clock, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Deliveries under way were cancelled with the stopping token; let them unwind before the host goes.
        await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Starts a delivery for every subscription whose next event is due and that is not busy with one;
    /// returns how long until the next is due (at most the poll interval).</summary>
    private async Task<TimeSpan> StartDueAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            foreach (var delivery in await webhooks.DueAsync(ct))
            {
                var slot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_inFlight.TryAdd(delivery.WebhookId, slot.Task)) _ = Task.Run(() => DeliverThenReleaseAsync(delivery, slot, ct), CancellationToken.None);
            }
        }
        finally
        {
            _gate.Release();
        }
        await PruneNowAndThenAsync(ct);
        Interlocked.Increment(ref _passes);
        var next = await webhooks.NextDueAsync([.. _inFlight.Keys], ct);
        var untilNext = next is { } at ? at - clock.GetUtcNow() : Poll;
        return untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext > Poll ? Poll : untilNext;
    }

    private async Task DeliverThenReleaseAsync(PendingDelivery delivery, TaskCompletionSource slot, CancellationToken ct)
    {
        try
        {
            await DeliverAsync(delivery, ct);
        }
        finally
        {
            // Not cancellable: the subscription must be given back even while stopping.
            await _gate.WaitAsync(CancellationToken.None);
            _inFlight.TryRemove(delivery.WebhookId, out _);
            _gate.Release();
            slot.SetResult();
            // The subscription's next event may be due at once.
            webhooks.Signal.Notify();
        }
    }

    private async Task DeliverAsync(PendingDelivery delivery, CancellationToken ct)
    {
        try
        {
            var outcome = Judge(delivery, await SendAsync(delivery, ct));
            // Not cancellable once the answer is in hand: a stop now must not send a delivered event again.
            await webhooks.RecordAttemptAsync(delivery, outcome, CancellationToken.None);
            if (outcome.Disable is not null) logger.LogWarning("Webhook {Id} turned off: {Reason}", delivery.WebhookId, outcome.Disable);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: not recorded, so the event is sent again after the restart.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Recording webhook {Id}'s delivery of {EventId} failed; it will be sent again", delivery.WebhookId, delivery.EventId);
            // The event is still due: hold the subscription a moment, or a failure that comes back at once (a
            // read-only database) would send it to the receiver again and again.
            await Task.Delay(RecordRetry, clock, CancellationToken.None);
        }
    }

    private sealed record SendResult(int? StatusCode, long DurationMs, string? Error);

    private async Task<SendResult> SendAsync(PendingDelivery delivery, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        // During a rotation the previous secret signs first: a receiver that still holds only that one keeps
        // verifying even with a library that checks only the first of two signatures (StandardWebhooks 1.1.2 on NuGet).
        IEnumerable<string> secrets = delivery.PreviousSecret is { } previous && delivery.PreviousSecretUntil > now
            ? [previous, delivery.Secret]
            : [delivery.Secret];
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", delivery.EventId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Header(delivery.EventId, timestamp, delivery.Payload, secrets));
        // The network's own time, not the (possibly fake) clock's: a hung receiver is cut off after Webhooks:Timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.Timeout);
        var started = Stopwatch.GetTimestamp();
        long Elapsed() => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null
                : status is >= 300 and < 400 ? $"Redirects are not followed ({status} to {response.Headers.Location})."
                : $"The receiver answered {status} {response.ReasonPhrase}.";
            return new SendResult(status, Elapsed(), error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new SendResult(null, Elapsed(), $"No answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException e)
        {
            return new SendResult(null, Elapsed(), Innermost(e));
        }
    }

    /// <summary>Delivered on any 2xx; a 410 Gone turns the subscription off; otherwise the next retry from the
    /// schedule (varied by up to a fifth), or given up after the last. A subscription failing without a success
    /// for <c>Webhooks:DisableAfter</c> is turned off.</summary>
    private AttemptOutcome Judge(PendingDelivery delivery, SendResult sent)
    {
        var now = clock.GetUtcNow();
        if (sent.StatusCode is >= 200 and < 300) return new AttemptOutcome(sent.StatusCode, sent.DurationMs, null, true, null, null);
        if (sent.StatusCode == (int)HttpStatusCode.Gone)
            return new AttemptOutcome(sent.StatusCode, sent.DurationMs, sent.Error, false, null,
                $"The receiver answered 410 Gone on {Stamp(now)}. PATCH active=true to turn it back on.");
        if (delivery.FailingSince is { } since && now - since >= _options.DisableAfter)
            return new AttemptOutcome(sent.StatusCode, sent.DurationMs, sent.Error, false, null,
                $"Every delivery since {Stamp(since)} failed ({(now - since).TotalDays.ToString("0.#", CultureInfo.InvariantCulture)} days). PATCH active=true to turn it back on.");
        var schedule = _options.Retries;
        DateTimeOffset? next = delivery.Attempts < schedule.Count
            ? now + schedule[(int)delivery.Attempts] * (0.8 + 0.4 * Random.Shared.NextDouble())
            : null;
        return new AttemptOutcome(sent.StatusCode, sent.DurationMs, next is null ? sent.Error + " Given up after the last retry." : sent.Error, false, next, null);
    }

    private async Task PruneNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < _nextPrune) return;
        _nextPrune = now + TimeSpan.FromHours(1);
        var pruned = await webhooks.PruneAsync(now - LogRetention, ct);
        if (pruned > 0) logger.LogInformation("Forgot {Count} webhook events finished more than {Days} days ago", pruned, LogRetention.TotalDays);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null && e is not WebhookTargetRefusedException) e = e.InnerException;
        return e.Message;
    }
}
