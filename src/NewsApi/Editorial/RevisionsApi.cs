using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Editorial;

/// <summary>One saved version of an article: who saved it, when, and the whole article as it was.</summary>
public sealed record Revision(long Number, DateTimeOffset CreatedAt, string CreatedBy, Article Article);

public sealed class RevisionRow
{
    public long Number { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public string Snapshot { get; init; } = "";
}

public static class RevisionsApi
{
    /// <summary>Newest first: a cursor holds the revision number to continue below.</summary>
    private static readonly CursorList Revisions = CursorList.OfIds("revisions");

    public static RouteGroupBuilder MapRevisionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/articles/{id}/revisions").WithTags("Admin: articles").RequireKey(Policies.Newsroom).CachePrivate().RequireRateLimiting(RateLimits.Admin).WithValidation();
        group.MapGet("/", ListRevisions).WithName("listRevisions").WithSummary("Every saved version of an article, newest first")
            .WithMetadata(Revisions);
        group.MapGet("/{number}", GetRevision).WithName("getRevision").WithSummary("One saved version of an article");
        group.MapPost("/{number}/restore", RestoreRevision).WithName("restoreRevision")
            .WithSummary("Write a saved version back as the current article (a new revision; If-Match required)");
        return group;
    }

    public static async Task<Results<Ok<Page<Revision>>, NotFoundProblem, ValidationProblem>> ListRevisions(
        [Description("Article id.")] long id,
        [AsParameters] PageQuery query,
        ArticleRepository articles, CursorCodec cursors, IOptions<JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        var n = query.Size;
        var before = query.PositionId(cursors, Revisions);
        if (await articles.FindAsync(id, publicOnly: false, ct) is null) return new NotFoundProblem($"No article has id {id}.");

        var rows = await articles.ListRevisionsAsync(id, before, n + 1, ct);
        var page = rows.Take(n).Select(r => ToRevision(r, json.Value.SerializerOptions)).ToList();
        var next = rows.Count > n ? cursors.Encode(Revisions.Name, page[^1].Number) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Revision>(page, next));
    }

    public static async Task<Results<Ok<Revision>, NotFoundProblem>> GetRevision(
        [Description("Article id.")] long id, [Description("Revision number (1 is the first save).")] long number,
        ArticleRepository articles, IOptions<JsonOptions> json, CancellationToken ct)
    {
        var row = await articles.FindRevisionAsync(id, number, ct);
        return row is null
            ? new NotFoundProblem($"Article {id} has no revision {number}.")
            : TypedResults.Ok(ToRevision(row, json.Value.SerializerOptions));
    }

    public static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> RestoreRevision(
        [Description("Article id.")] long id, [Description("Revision number to restore.")] long number, ClaimsPrincipal user,
        ArticleWriter writer, ArticleRepository articles, IOptions<JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        var current = await articles.FindAsync(id, publicOnly: false, ct);
        if (current is null) return ArticleWriteProblem.NotFound(id);
        if (!Newsroom.CanEdit(user, current)) return ArticleWriteProblem.Forbidden("Authors may restore only their own drafts.");
        var (expected, precondition) = Preconditions.Expected(http, current.Version);
        if (precondition is not null) return precondition;
        var row = await articles.FindRevisionAsync(id, number, ct);
        if (row is null) return new ArticleWriteProblem(StatusCodes.Status404NotFound, $"Article {id} has no revision {number}.");

        var old = ToRevision(row, json.Value.SerializerOptions).Article;
        // The snapshot's excerpt and canonical URL were stored resolved; keep them only where the editor had set them.
        var input = ArticleInput.From(old, CustomOrNull(old.Excerpt, old.Body.Html), old.CanonicalUrl == old.Url ? null : old.CanonicalUrl);
        // An author restores only a version bylined to them (or with no byline, which becomes theirs).
        input = await Newsroom.WithOwnBylineAsync(user, input, articles, ct);
        if (await Newsroom.BylineRefusalAsync(user, input, articles, ct) is { } byline) return ArticleWriteProblem.Forbidden(byline);
        var result = await writer.UpdateAsync(id, input, expected, Newsroom.ActorOf(user), ct);
        return await EditorialApi.WrittenAsync(result, articles, http, ct);
    }

    private static string? CustomOrNull(string excerpt, string? html) =>
        excerpt == Text.Excerpt.From(Text.BodyHtml.ToText(html ?? "")) ? null : excerpt;

    private static Revision ToRevision(RevisionRow r, JsonSerializerOptions options) =>
        new(r.Number, r.CreatedAt, r.CreatedBy, JsonSerializer.Deserialize<Article>(r.Snapshot, options)!);
}
