using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Editorial;

public sealed record PreviewToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>Signed, expiring tokens that show one article (any status) to a frontend's preview page.</summary>
public sealed class PreviewTokens(Signer signer, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>A token for one article. It names the article by id and creation time: SQLite may give a deleted
    /// article's id to the next new one, and a token must never show that other article.</summary>
    public PreviewToken Issue(long articleId, DateTimeOffset createdAt)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{articleId}.{createdAt.UtcTicks}.{expires.ToUnixTimeSeconds()}"));
        var mac = signer.Sign("preview", payload);
        return new PreviewToken(WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(mac), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>The article a genuine token names (id and creation time), and whether it has expired.</summary>
    public (long? ArticleId, long CreatedTicks, bool Expired) Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || token.Length > 256) return (null, 0, false);
        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(parts[0]);
            mac = WebEncoders.Base64UrlDecode(parts[1]);
        }
        catch (FormatException) { return (null, 0, false); }
        if (!CryptographicOperations.FixedTimeEquals(mac, signer.Sign("preview", payload))) return (null, 0, false);
        var fields = Encoding.UTF8.GetString(payload).Split('.');
        if (fields.Length != 3 || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(fields[1], CultureInfo.InvariantCulture, out var created)
            || !long.TryParse(fields[2], CultureInfo.InvariantCulture, out var expires)) return (null, 0, false);
        return (id, created, clock.GetUtcNow().ToUnixTimeSeconds() >= expires);
    }
}

public sealed class GoneProblem(string detail) : ProblemResult(StatusCodes.Status410Gone, detail), Microsoft.AspNetCore.Http.Metadata.IEndpointMetadataProvider
{
    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status410Gone);
}

public static class PreviewApi
{
    public static IEndpointRouteBuilder MapPreviewApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/admin/articles/{id}/preview-token", CreatePreviewToken).WithTags("Admin: articles").RequireKey(Policies.Newsroom).CachePrivate().RequireRateLimiting(RateLimits.Admin)
            .WithName("createPreviewToken").WithSummary("A signed token, valid for one hour, to preview this article at /v1/preview/{token}");
        routes.MapGet("/v1/preview/{token}", GetPreview).WithTags("Preview").CachePrivate().RequireRateLimiting(RateLimits.Content)
            .WithName("getPreview").WithSummary("The article a preview token names, in any status (never cached)");
        return routes;
    }

    public static async Task<Results<Ok<PreviewToken>, NotFoundProblem>> CreatePreviewToken(
        [Description("Article id.")] long id, ArticleRepository articles, PreviewTokens tokens, CancellationToken ct) =>
        await articles.FindAsync(id, publicOnly: false, ct) is { } row ? TypedResults.Ok(tokens.Issue(row.Id, row.CreatedAt)) : new NotFoundProblem($"No article has id {id}.");

    public static async Task<Results<Ok<Article>, NotFoundProblem, GoneProblem>> GetPreview(
        [Description("Token from POST /v1/admin/articles/{id}/preview-token.")] string token,
        PreviewTokens tokens, ArticleRepository articles, CancellationToken ct)
    {
        var (id, createdTicks, expired) = tokens.Read(token);
        if (id is null) return new NotFoundProblem("This preview link is not valid.");
        if (expired) return new GoneProblem("This preview link has expired; ask the editor for a new one.");
        var row = await articles.FindAsync(id.Value, publicOnly: false, ct);
        // Another article with the same id (a deleted one's id reused) is not the one this token names.
        return row is null || row.CreatedAt.UtcTicks != createdTicks
            ? new NotFoundProblem("The article of this preview no longer exists.")
            : TypedResults.Ok(await articles.ToArticleAsync(row, BodyFormats.Html, publicOnly: false, ct));
    }
}
