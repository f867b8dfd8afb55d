using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NewsApi.Http;

/// <summary>Optimistic concurrency: an article's (or a section's, tag's, author's, source's) ETag is its
/// version; writes to it must send that in If-Match.</summary>
public static class Preconditions
{
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client says it is changing, or the 428 / 412 answer.</summary>
    public static (long Version, ArticleWriteProblem? Problem) Expected(HttpContext http, long currentVersion)
    {
        var refusal = Refusal(http, currentVersion, "the article");
        return refusal is { } r ? (0, new ArticleWriteProblem(r.Status, r.Detail)) : (currentVersion, null);
    }

    /// <summary>The version an ETag names: <c>"7"</c> from a write, or <c>"7.hash"</c> from a GET, whose hash
    /// part covers what the version does not (a renamed section, a changed article count). Only the version
    /// decides a write: a rename elsewhere is no conflict.</summary>
    private static long? VersionOf(string etag)
    {
        if (etag.Length < 3 || etag[0] != '"' || etag[^1] != '"') return null;
        var inner = etag[1..^1];
        var dot = inner.IndexOf('.', StringComparison.Ordinal);
        return long.TryParse(dot < 0 ? inner : inner[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>Null when If-Match names <paramref name="currentVersion"/>'s ETag (or is <c>*</c>);
    /// else 428 (none sent) or 412 (stale) with a detail naming <paramref name="what"/>.</summary>
    public static (int Status, string Detail)? Refusal(HttpContext http, long currentVersion, string what)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return (StatusCodes.Status428PreconditionRequired, $"Send If-Match with the ETag of {what} (from its last GET or write) so concurrent edits are not lost.");
        if (ifMatch == "*") return null;
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (VersionOf(candidate) == currentVersion) return null;
        }
        return (StatusCodes.Status412PreconditionFailed, $"If-Match {ifMatch} does not match the current ETag of {what}, {ETag(currentVersion)}; someone saved it since you fetched it.");
    }
}
