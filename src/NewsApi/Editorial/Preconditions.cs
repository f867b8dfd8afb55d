using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Http;

namespace NewsApi.Editorial;

/// <summary>Optimistic concurrency: an article's ETag is its version; writes must send it in If-Match.</summary>
public static class Preconditions
{
    public static string ETag(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(HttpContext http, long version) => http.Response.Headers.ETag = ETag(version);

    /// <summary>The version the client says it is changing, or the 428 / 412 answer.</summary>
    public static (long Version, ArticleWriteProblem? Problem) Expected(HttpContext http, long currentVersion)
    {
        var ifMatch = http.Request.Headers.IfMatch.ToString().Trim();
        if (ifMatch.Length == 0)
            return (0, new ArticleWriteProblem(StatusCodes.Status428PreconditionRequired, "Send If-Match with the article's ETag (from its last GET or write) so concurrent edits are not lost."));
        if (ifMatch == "*") return (currentVersion, null);
        foreach (var candidate in ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate == ETag(currentVersion)) return (currentVersion, null);
        }
        return (0, new ArticleWriteProblem(StatusCodes.Status412PreconditionFailed, $"If-Match {ifMatch} does not match the article's current ETag {ETag(currentVersion)}; someone saved it since you fetched it."));
    }
}
