using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace NewsApi.Tests.Webhooks;

/// <summary>One request as the receiver got it, with whether the Standard Webhooks library verified it with the
/// secret the receiver was given (<see cref="WebhookReceiver.Secret"/>).</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, bool Verified)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Type => Json.GetProperty("type").GetString()!;
}

/// <summary>A partner's webhook endpoint: a real HTTP server on 127.0.0.1 (a free port) that verifies each
/// delivery as a partner would, with the StandardWebhooks library, records it, and answers 204 — or the failures
/// it was told to give first (a status, a redirect, or no answer at all).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly Queue<Func<HttpContext, Task<IResult>>> _failures = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>The secret deliveries are verified with; null: not verified (Verified is false).</summary>
    public string? Secret { get; set; }

    public int Count { get; private set; }

    public static async Task<WebhookReceiver> StartAsync(string path = "/hooks/newsapi")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        receiver._app.MapPost(path, (Delegate)receiver.ReceiveAsync);
        await receiver._app.StartAsync();
        receiver.Url = receiver._app.Urls.Single() + path;
        return receiver;
    }

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var verified = false;
        if (Secret is not null)
        {
            try
            {
                new StandardWebhook(Secret).Verify(body, http.Request.Headers);
                verified = true;
            }
            catch (WebhookVerificationException)
            {
            }
        }
        Func<HttpContext, Task<IResult>>? failure;
        lock (_failures)
        {
            Count++;
            _failures.TryDequeue(out failure);
        }
        _received.Writer.TryWrite(new ReceivedWebhook(http.Request.Headers["webhook-id"].ToString(), http.Request.Headers["webhook-timestamp"].ToString(),
            http.Request.Headers["webhook-signature"].ToString(), body, verified));
        return failure is null ? Results.NoContent() : await failure(http);
    }

    /// <summary>Answers the next <paramref name="count"/> deliveries with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable)
    {
        lock (_failures)
            for (var i = 0; i < count; i++) _failures.Enqueue(_ => Task.FromResult(Results.StatusCode(status)));
    }

    /// <summary>Answers the next delivery with a redirect to <paramref name="location"/>.</summary>
    public void RedirectNext(string location)
    {
        lock (_failures) _failures.Enqueue(_ => Task.FromResult(Results.Redirect(location)));
    }

    /// <summary>Holds every delivery from now on without an answer until <see cref="Release"/> (or the sender gives up).</summary>
    public void Hang()
    {
        lock (_failures)
            for (var i = 0; i < 100; i++)
                _failures.Enqueue(async http =>
                {
                    await _release.Task.WaitAsync(http.RequestAborted);
                    return Results.NoContent();
                });
    }

    public void Release() => _release.TrySetResult();

    /// <summary>The next delivery received (already received or still to come); fails after <paramref name="within"/>.</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(20);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No webhook reached {Url} within {limit}.");
            throw;
        }
    }

    /// <summary>Whether a delivery arrives within <paramref name="within"/> (without taking it).</summary>
    public async Task<bool> AnyWithinAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await _received.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
