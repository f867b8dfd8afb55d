using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Http;

namespace NewsApi.Access;

public sealed record CreateKeyRequest(
    [property: Description("Who or what uses the key, e.g. 'mobile app' or 'रवि (desk)'.")] string Name,
    [property: Description("admin | editor | author | partner | reader"), AllowedValues("admin", "editor", "author", "partner", "reader")] string Role,
    [property: Description("Author slug: drafts made with this key belong to that author.")] string? Author);

public sealed record CreatedKey(long Id, string Name, [property: Description("admin | editor | author | partner | reader"), AllowedValues("admin", "editor", "author", "partner", "reader")] string Role, string? Author, DateTimeOffset CreatedAt,
    [property: Description("The secret. Shown this once; only its hash is stored.")] string Key);

public sealed record ApiKeyInfo(long Id, string Name, [property: Description("admin | editor | author | partner | reader"), AllowedValues("admin", "editor", "author", "partner", "reader")] string Role, string? Author,
    [property: Description("The first characters of the key, to recognise it.")] string Prefix,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed class CreateKeyValidator : AbstractValidator<CreateKeyRequest>
{
    public CreateKeyValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Role).NotEmpty().Must(r => Roles.All.Contains(r)).WithMessage($"Role must be one of: {string.Join(", ", Roles.All)}.");
    }
}

public static class KeysApi
{
    /// <summary>Oldest first: a cursor holds the id to continue after.</summary>
    private static readonly CursorList KeyList = CursorList.OfIds("keys");

    public static RouteGroupBuilder MapKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/keys").WithTags("Admin: keys").RequireKey(Policies.Admin).CachePrivate().RequireRateLimiting(RateLimits.Admin).WithValidation();
        group.MapPost("/", CreateKey).WithName("createKey").WithSummary("Create an API key (the key is shown once)");
        group.MapGet("/", ListKeys).WithName("listKeys").WithSummary("List API keys (never their secrets)").WithMetadata(KeyList);
        group.MapGet("/{id}", GetKey).WithName("getKey").WithSummary("Get an API key, revoked or not (never its secret)");
        group.MapDelete("/{id}", RevokeKey).WithName("revokeKey").WithSummary("Revoke an API key");
        return group;
    }

    public static async Task<Results<Created<CreatedKey>, ValidationProblem>> CreateKey(CreateKeyRequest request, ApiKeyRepository keys, HttpContext http, CancellationToken ct)
    {
        // The answer carries the secret: no cache (browser, proxy, CDN) may keep it. The conditional-GET
        // middleware marks only GETs as private, no-store.
        http.Response.Headers.CacheControl = ConditionalGetMiddleware.PrivateCacheControl;
        long? authorId = null;
        if (!string.IsNullOrWhiteSpace(request.Author))
        {
            authorId = await keys.AuthorIdAsync(request.Author.Trim(), ct);
            if (authorId is null)
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["author"] = [$"No author has the slug '{request.Author}'."] });
        }
        var (row, key) = await keys.CreateAsync(request.Name.Trim(), request.Role, authorId, ct);
        return TypedResults.Created($"/v1/admin/keys/{row.Id}", new CreatedKey(row.Id, row.Name, row.Role, row.AuthorSlug, row.CreatedAt, key));
    }

    public static async Task<Results<Ok<Articles.Page<ApiKeyInfo>>, ValidationProblem>> ListKeys(
        [AsParameters] PageQuery query, ApiKeyRepository keys, CursorCodec cursors, HttpContext http, CancellationToken ct)
    {
        var n = query.Size;
        var after = query.PositionId(cursors, KeyList) ?? 0;
        var rows = await keys.ListAsync(after, n + 1, ct);
        var page = rows.Take(n).Select(ToInfo).ToList();
        var next = rows.Count > n ? cursors.Encode(KeyList.Name, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Articles.Page<ApiKeyInfo>(page, next));
    }

    /// <summary>One key as the list shows it: a revoked key is still answered, with its revokedAt.</summary>
    public static async Task<Results<Ok<ApiKeyInfo>, NotFoundProblem>> GetKey([Description("Key id.")] long id, ApiKeyRepository keys, CancellationToken ct) =>
        await keys.FindByIdAsync(id, ct) is { } row
            ? TypedResults.Ok(ToInfo(row))
            : new NotFoundProblem($"No key has id {id.ToString(CultureInfo.InvariantCulture)}.");

    public static async Task<Results<NoContent, NotFoundProblem>> RevokeKey([Description("Key id.")] long id, ApiKeyRepository keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct) ? TypedResults.NoContent() : new NotFoundProblem($"No active key has id {id.ToString(CultureInfo.InvariantCulture)}.");

    private static ApiKeyInfo ToInfo(ApiKeyRow k) => new(k.Id, k.Name, k.Role, k.AuthorSlug, k.KeyPrefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt);
}
