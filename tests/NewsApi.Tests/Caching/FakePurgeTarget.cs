using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using NewsApi.Caching;

namespace NewsApi.Tests.Caching;

/// <summary>A cache node as the purge sender sees one: a real HTTP server on 127.0.0.1 (a free port) that records
/// each PURGE's keys and answers 200, or the failures it was told to give first.</summary>
public sealed class FakePurgeTarget : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _failureStatus;
    private readonly Channel<string[]> _received = Channel.CreateUnbounded<string[]>();

    private FakePurgeTarget(WebApplication app) => _app = app;

    /// <summary>The purge URL to put in <c>Cache:PurgeUrls</c>.</summary>
    public string Url { get; private set; } = "";

    public static async Task<FakePurgeTarget> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var target = new FakePurgeTarget(builder.Build());
        target._app.MapMethods("/", ["PURGE"], (HttpContext http) =>
        {
            target._received.Writer.TryWrite(http.Request.Headers[PurgeSender.KeysHeader].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
            return Results.StatusCode(Interlocked.Decrement(ref target._failuresLeft) >= 0 ? target._failureStatus : StatusCodes.Status200OK);
        });
        await target._app.StartAsync();
        target.Url = target._app.Urls.Single() + "/";
        return target;
    }

    /// <summary>Answers the next <paramref name="count"/> purges with <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable)
    {
        _failureStatus = status;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>The keys of the next PURGE received (already received or still to come); fails after <paramref name="within"/>.</summary>
    public async Task<string[]> NextAsync(TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No PURGE reached {Url} within {within ?? TimeSpan.FromSeconds(10)}.");
            throw;
        }
    }

    /// <summary>Every PURGE received and not yet read by <see cref="NextAsync"/>.</summary>
    public List<string[]> Drain()
    {
        var all = new List<string[]>();
        while (_received.Reader.TryRead(out var keys)) all.Add(keys);
        return all;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
