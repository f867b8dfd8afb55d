using FluentValidation;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsApi.Http;

public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary><c>limit</c>, when sent, is 1..<paramref name="max"/>.</summary>
    public static IRuleBuilderOptions<T, int?> PageLimit<T>(this IRuleBuilder<T, int?> rule, int max = MaxLimit) =>
        rule.Must(limit => limit is null || (limit >= 1 && limit <= max)).WithMessage($"limit must be between 1 and {max}.");

    /// <summary>A cursor, when sent, must be one this API issued for the endpoint's <see cref="CursorList"/>.</summary>
    public static IRuleBuilderOptions<T, string?> IssuedCursor<T>(this IRuleBuilder<T, string?> rule, CursorCodec cursors) =>
        rule.Must((_, cursor, context) => cursor is null || CursorList.Of(context).Accepts(cursors, cursor)).WithMessage(CursorCodec.Invalid);

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
