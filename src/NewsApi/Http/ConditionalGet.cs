using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Http;

/// <summary>Strong ETags (a hash of the body), Last-Modified (an article's own date from <see cref="CacheTags"/>,
/// else the <see cref="ContentClock"/>) and 304s for successful GETs, plus the <c>Cache-Control</c> of the
/// endpoint's <see cref="CachePolicy"/>. Runs after routing (the endpoint is known) and before authorization
/// (its 401s and 403s get the policy too); an endpoint without a policy (health, Swagger) is left alone, and a request no route matched is private.</summary>
public sealed class ConditionalGetMiddleware(RequestDelegate next, ContentClock contentClock, AnswerCache answers, TimeProvider clock)
{
    public const string PublicCacheControl = "public, max-age=60, stale-while-revalidate=600";
    public const string PrivateCacheControl = "private, no-store";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var endpoint = context.GetEndpoint();
        // No route matched (a 404 or 405 anywhere, admin paths included): nothing a cache should keep.
        var policy = endpoint is null ? CachePolicy.Private : endpoint.Metadata.GetMetadata<CachePolicy>();
        if (policy is null)
        {
            await next(context);
            return;
        }
        if (!HttpMethods.IsGet(request.Method))
        {
            // Writes answer with article bodies and, for keys, secrets: never stored by a cache.
            if (!policy.IsPublic)
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = policy.CacheControl;
                    return Task.CompletedTask;
                });
            await next(context);
            return;
        }

        // Read before the answer is built, so Last-Modified is never later than the content it describes; a
        // revalidation by date reads the shared value fresh (not the one cached for up to a second), so the
        // new Last-Modified it gets is current.
        var revalidating = request.Headers.IfNoneMatch.Count == 0 && request.Headers.IfModifiedSince.Count > 0;
        var changed = await contentClock.CurrentAsync(fresh: revalidating, context.RequestAborted);
        // A revalidation by date is decided on the clock read fresh, below; it is rare (clients send the ETag).
        var key = policy.IsPublic && answers.Enabled && !revalidating && changed.Generation is { } generation
            ? AnswerCache.Key(request, generation) : null;
        if (key is not null && answers.TryGet(key, out var kept))
        {
            await AnswerCache.ServeAsync(context, kept, notModified: Matches(request.Headers.IfNoneMatch, kept.ETag));
            return;
        }
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var response = context.Response;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            response.Headers.CacheControl = policy.CacheControl;
            var hash = SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            var preset = response.Headers.ETag.ToString();
            // A versioned resource's ETag ("7", the If-Match token) gains a hash of this answer ("7.hash"):
            // its answer also shows what the version does not cover (section names, article counts), and
            // If-None-Match must not 304 on those. Preconditions reads only the version part.
            response.Headers.ETag = preset.Length > 2
                ? preset[..^1] + "." + WebEncoders.Base64UrlEncode(hash, 0, 9) + "\""
                : "\"" + WebEncoders.Base64UrlEncode(hash, 0, 16) + "\"";
            var own = context.Items[CacheTags.LastModifiedItem] as DateTimeOffset?;
            DateTimeOffset ChangedAt((DateTimeOffset Any, DateTimeOffset Taxonomy, string? Generation) c) => own is { } date ? Later(date, c.Taxonomy) : c.Any;
            // HTTP dates have whole seconds. A change counts as made at the end of its second, so a copy
            // served earlier in that second is never taken for current; Last-Modified never passes now
            // (RFC 9110 §8.8.2.1), which also keeps a clock that ran ahead elsewhere from freezing 304s.
            var lastModified = Min(CeilingSecond(ChangedAt(changed)), FloorSecond(clock.GetUtcNow()));
            response.Headers.LastModified = lastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            // Kept even when this request ends in 304: the next revalidation is then answered from memory.
            if (key is not null) answers.Keep(key, response, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            bool notModified;
            if (request.Headers.IfNoneMatch.Count > 0)
                notModified = Matches(request.Headers.IfNoneMatch, response.Headers.ETag.ToString());
            else if (revalidating && DateTimeOffset.TryParse(request.Headers.IfModifiedSince, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
                // Decided on the clock as it is now, after the answer was built: a write that committed
                // meanwhile makes this a 200, never a stale 304.
                notModified = CeilingSecond(ChangedAt(await contentClock.CurrentAsync(fresh: true, context.RequestAborted))) <= since;
            else
                notModified = false;
            if (notModified)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                response.Headers.Remove(HeaderNames.ContentType);
                return;
            }
        }
        else if (!policy.IsPublic)
        {
            response.Headers.CacheControl = policy.CacheControl;
        }
        else if (response.StatusCode == StatusCodes.Status301MovedPermanently)
        {
            // A retired slug's redirect is as cacheable as the article it points to.
            response.Headers.CacheControl = policy.CacheControl;
        }
        buffer.Position = 0;
        // A 200 is sent whole with its length; other answers may still get a body from the status code pages.
        if (response.StatusCode == StatusCodes.Status200OK) response.ContentLength = buffer.Length;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static DateTimeOffset FloorSecond(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static DateTimeOffset CeilingSecond(DateTimeOffset t) =>
        t.UtcTicks % TimeSpan.TicksPerSecond == 0 ? t.ToUniversalTime() : FloorSecond(t).AddSeconds(1);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || etag.Length == 0) return false;
        foreach (var value in ifNoneMatch)
        {
            foreach (var candidate in (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (candidate == "*" || candidate == etag || candidate == "W/" + etag) return true;
            }
        }
        return false;
    }
}
