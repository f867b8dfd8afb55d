using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace NewsApi.Http;

/// <summary><c>Cache:*</c> settings of the in-process answer cache.</summary>
public sealed class AnswerCacheOptions
{
    public const string Section = "Cache";

    /// <summary>Off: every public GET is built from the database (tests of the uncached path, debugging).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Bytes of answers kept at most; the least recently used go first past it.</summary>
    public long SizeLimitBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>An answer larger than this is sent but not kept.</summary>
    public int MaxAnswerBytes { get; set; } = 1024 * 1024;

    /// <summary>How long an answer is kept with no change to the content. A change makes every kept answer
    /// unreachable at once (see <see cref="AnswerCache.Key"/>); this only bounds how long their memory lingers.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>A public answer as sent: status 200, its headers (ETag, Last-Modified, Cache-Control,
/// Surrogate-Key, Link, Content-Type, Content-Encoding, Vary) and its body bytes.</summary>
public sealed record CachedAnswer(KeyValuePair<string, StringValues>[] Headers, string ETag, byte[] Body);

/// <summary>Public answers kept in memory, so a hit costs no SQL, no serialisation, no hashing and no
/// compression. Keys carry the content clock's generation: any committed change (here at once, in another
/// instance sharing the database within a second) moves it, and every answer built before is never read again.
/// ASP.NET Core's output cache cannot serve here: it cannot keep an answer it builds for a conditional
/// request that then ends in 304, which is every request of a client revalidating after a change.</summary>
public sealed class AnswerCache(IOptions<AnswerCacheOptions> options) : IDisposable
{
    private readonly AnswerCacheOptions _options = options.Value;
    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = options.Value.SizeLimitBytes });

    // Never replayed: they describe one exchange, not the answer (Content-Length is set from the body).
    private static readonly HashSet<string> PerExchange = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Server, HeaderNames.TransferEncoding, HeaderNames.ContentLength, HeaderNames.Connection,
        // CORS answers name the asking origin; the CORS middleware sets them on every request, replayed or not.
        HeaderNames.AccessControlAllowOrigin, HeaderNames.AccessControlAllowCredentials, HeaderNames.AccessControlExposeHeaders,
    };

    public bool Enabled => _options.Enabled;

    public void Dispose() => _answers.Dispose();

    /// <summary>The host (feeds' self links name it), the path and query exactly as sent (different fields, formats,
    /// filters or cursors never share an answer), the client's Accept-Encoding (the compressed form differs), and
    /// the content generation.</summary>
    public static string Key(HttpRequest request, string generation) =>
        string.Concat(generation, " ", request.Host.Value, request.PathBase.Value, request.Path.Value, request.QueryString.Value,
            " ", request.Headers.AcceptEncoding.ToString());

    public bool TryGet(string key, out CachedAnswer answer) => _answers.TryGetValue(key, out answer!);

    /// <summary>Keeps a 200 answer whose body is in <paramref name="body"/>; one that sets a cookie or is too large is not kept.</summary>
    public void Keep(string key, HttpResponse response, ReadOnlySpan<byte> body)
    {
        if (body.Length > _options.MaxAnswerBytes || response.Headers.ContainsKey(HeaderNames.SetCookie)) return;
        var headers = response.Headers.Where(h => !PerExchange.Contains(h.Key)).ToArray();
        var answer = new CachedAnswer(headers, response.Headers.ETag.ToString(), body.ToArray());
        _answers.Set(key, answer, new MemoryCacheEntryOptions
        {
            // Headers and the entry's own bookkeeping count too; a rough 512 bytes for them is enough to bound memory.
            Size = body.Length + 512,
            AbsoluteExpirationRelativeToNow = _options.Lifetime,
        });
    }

    /// <summary>Writes a kept answer: 304 (headers only) when <paramref name="notModified"/>, else 200 with the body.</summary>
    public static async Task ServeAsync(HttpContext context, CachedAnswer answer, bool notModified)
    {
        var response = context.Response;
        foreach (var (name, value) in answer.Headers) response.Headers[name] = value;
        if (notModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.Remove(HeaderNames.ContentType);
            response.Headers.Remove(HeaderNames.ContentEncoding);
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = answer.Body.Length;
        await response.Body.WriteAsync(answer.Body, context.RequestAborted);
    }
}
