using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using NewsApi.Access;

namespace NewsApi.Http;

/// <summary>Rate limits, per API key (per client address without one), declared on route groups with
/// <c>RequireRateLimiting</c>: <c>RateLimiting:PermitsPerMinute</c> for the content API,
/// <c>RateLimiting:AdminPermitsPerMinute</c> for the editorial API, <c>RateLimiting:PartnerPermitsPerMinute</c>
/// for the partner API. Each key has its own bucket, so one key's burst never throttles another; answers from
/// the answer cache count too (the limiter runs before it).
/// Zero or less turns a policy off.</summary>
public static class RateLimits
{
    public const string Content = "content";
    public const string Admin = "admin";
    public const string Partner = "partner";

    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimiting");
        var content = section.GetValue("PermitsPerMinute", 1200);
        var admin = section.GetValue("AdminPermitsPerMinute", 600);
        var partner = section.GetValue("PartnerPermitsPerMinute", 600);
        // Behind Varnish or another proxy on this host (loopback is trusted by default; more with
        // ForwardedHeadersOptions), the bucket is the client's address from X-Forwarded-For, not the proxy's.
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        builder.Services.AddRateLimiter(o =>
        {
            o.AddPolicy(Content, context => Partition(context, content));
            o.AddPolicy(Admin, context => Partition(context, admin));
            o.AddPolicy(Partner, context => Partition(context, partner));
            o.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>A bucket of a minute's permits, refilled every second: a client may burst to its whole minute,
    /// then continues at the minute's average rate.</summary>
    private static RateLimitPartition<string> Partition(HttpContext context, int permitsPerMinute)
    {
        if (permitsPerMinute <= 0) return RateLimitPartition.GetNoLimiter("unlimited");
        // Authentication has run: a valid key has its own bucket; an invalid or missing one shares its address's.
        var keyId = context.User.FindFirst(NewsClaims.KeyId)?.Value;
        var partition = keyId is not null ? "key:" + keyId : "address:" + context.Connection.RemoteIpAddress;
        return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permitsPerMinute,
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(permitsPerMinute / 60.0)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var http = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        // A shared cache must not hand one client's refusal to another.
        http.Response.Headers.CacheControl = ConditionalGetMiddleware.PrivateCacheControl;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"This client has used its requests for now; send again after {seconds} s.",
            },
        });
    }
}
