using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsApi.Http;

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>Checks <c>limit</c> (1..100) and records a problem for it in <paramref name="errors"/>.</summary>
    public static int Limit(int? limit, Dictionary<string, string[]> errors, int max = MaxLimit)
    {
        if (limit is null) return Math.Min(DefaultLimit, max);
        if (limit < 1 || limit > max)
        {
            errors["limit"] = [$"limit must be between 1 and {max}."];
            return 0;
        }
        return limit.Value;
    }

    /// <summary>RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> pointing at the same request with the next cursor.</summary>
    public static void SetNextLink(HttpContext context, string? nextCursor)
    {
        if (nextCursor is null) return;
        var request = context.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        var builder = new QueryBuilder();
        foreach (var (key, values) in query)
        {
            if (string.Equals(key, "cursor", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (var v in values) builder.Add(key, v ?? "");
        }
        builder.Add("cursor", nextCursor);
        var url = UriHelper.BuildRelative(request.PathBase, request.Path, builder.ToQueryString());
        context.Response.Headers.Append("Link", $"<{url}>; rel=\"next\"");
    }
}
