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

    /// <summary>A token for one article, minted by the key <paramref name="keyId"/>. It names the article by id and
    /// creation time (SQLite may give a deleted article's id to the next new one, and a token must never show that
    /// other article) and carries the key's id, so revoking the key ends every token it minted.</summary>
    public PreviewToken Issue(long articleId, DateTimeOffset createdAt, long keyId)
    {
        var expires = clock.GetUtcNow().Add(Lifetime);
        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{articleId}.{createdAt.UtcTicks}.{keyId}.{expires.ToUnixTimeSeconds()}"));
        var mac = signer.Sign("preview", payload);
        return new PreviewToken(WebEncoders.Base64UrlEncode(payload) + "." + WebEncoders.Base64UrlEncode(mac), DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }

    /// <summary>What a genuine token names: the article (id and creation time), the key that minted it, and whether
    /// it has expired. A token of the older three-field form (no key) is not genuine: it could not be revoked.</summary>
    public (long? ArticleId, long CreatedTicks, long KeyId, bool Expired) Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 2 || token.Length > 256) return (null, 0, 0, false);
        byte[] payload, mac;
        try
        {
            payload = WebEncoders.Base64UrlDecode(parts[0]);
            mac = WebEncoders.Base64UrlDecode(parts[1]);
        }
        catch (FormatException) { return (null, 0, 0, false); }
        if (!CryptographicOperations.FixedTimeEquals(mac, signer.Sign("preview", payload))) return (null, 0, 0, false);
        var fields = Encoding.UTF8.GetString(payload).Split('.');
        if (fields.Length != 4 || !long.TryParse(fields[0], CultureInfo.InvariantCulture, out var id)
            || !long.TryParse(fields[1], CultureInfo.InvariantCulture, out var created)
            || !long.TryParse(fields[2], CultureInfo.InvariantCulture, out var keyId)
            || !long.TryParse(fields[3], CultureInfo.InvariantCulture, out var expires)) return (null, 0, 0, false);
        return (id, created, keyId, clock.GetUtcNow().ToUnixTimeSeconds() >= expires);
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

    /// <summary>Scoped as editing is (<see cref="Newsroom.CanEdit"/>): a token shows the article to anyone who has the
    /// link, so an author may not mint one for another author's draft.</summary>
    public static async Task<Results<Ok<PreviewToken>, NotFoundProblem, ForbiddenProblem>> CreatePreviewToken(
        [Description("Article id.")] long id, ClaimsPrincipal user, ArticleRepository articles, PreviewTokens tokens, CancellationToken ct)
    {
        if (await articles.FindAsync(id, publicOnly: false, ct) is not { } row) return new NotFoundProblem($"No article has id {id}.");
        if (!Newsroom.CanEdit(user, row)) return new ForbiddenProblem("Authors may preview only their own drafts.");
        // Authentication always sets the key id; a principal without one mints a token no key can keep alive.
        return TypedResults.Ok(tokens.Issue(row.Id, row.CreatedAt, Newsroom.ActorOf(user).KeyId ?? 0));
    }

    public static async Task<Results<Ok<Article>, NotFoundProblem, GoneProblem>> GetPreview(
        [Description("Token from POST /v1/admin/articles/{id}/preview-token.")] string token,
        PreviewTokens tokens, ArticleRepository articles, ApiKeyRepository keys, CancellationToken ct)
    {
        var (id, createdTicks, keyId, expired) = tokens.Read(token);
        if (id is null) return new NotFoundProblem("This preview link is not valid.");
        if (expired) return new GoneProblem("This preview link has expired; ask the editor for a new one.");
        // A token lives no longer than the key that minted it: revoking a leaked or departed author's key ends its links too.
        if (await keys.FindByIdAsync(keyId, ct) is not { RevokedAt: null })
            return new GoneProblem("This preview link was made with an API key that has since been revoked; ask the editor for a new one.");
        var row = await articles.FindAsync(id.Value, publicOnly: false, ct);
        // Another article with the same id (a deleted one's id reused) is not the one this token names.
        return row is null || row.CreatedAt.UtcTicks != createdTicks
            ? new NotFoundProblem("The article of this preview no longer exists.")
            : TypedResults.Ok(await articles.ToArticleAsync(row, BodyFormats.Html, publicOnly: false, ct));
    }
}
