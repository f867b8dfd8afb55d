using System.ComponentModel;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Editorial;

public sealed record PublishRequest(
    [property: Description("When to publish. Omitted or past: now (a past time back-dates); future: the article is scheduled.")] DateTimeOffset? PublishAt);

public sealed record RelatedRequest([property: Description("Ids of existing articles, in the order to show them (at most 20).")] IReadOnlyList<long> ArticleIds);

/// <summary>draft → scheduled → published → archived, and curated related stories: editors and admins.</summary>
public static class WorkflowApi
{
    public const int MaxRelated = 20;

    public static RouteGroupBuilder MapWorkflowApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/articles").WithTags("Admin: articles").RequireKey(Policies.Editor).CachePrivate().RequireRateLimiting(RateLimits.Admin);
        group.MapPost("/{id}/publish", Publish).WithName("publishArticle")
            .WithSummary("Publish now, or schedule with a future publishAt (If-Match required)");
        group.MapPost("/{id}/unpublish", Unpublish).WithName("unpublishArticle").WithSummary("Take a published or scheduled article back to draft (If-Match required)");
        group.MapPost("/{id}/archive", Archive).WithName("archiveArticle").WithSummary("Archive an article: it leaves every public answer (If-Match required)");
        group.MapPut("/{id}/related", SetRelated).WithName("setRelatedArticles").WithSummary("Set the curated related stories, in order (If-Match required)");
        return group;
    }

    public static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> Publish(
        [Description("Article id.")] long id, PublishRequest? request, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var at = request?.PublishAt ?? now;
        var target = at > now ? ArticleStatus.Scheduled : ArticleStatus.Published;
        return await TransitionAsync(id, target, at, ["draft", "scheduled", "archived"], user, writer, articles, http, ct);
    }

    public static Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> Unpublish(
        [Description("Article id.")] long id, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct) =>
        TransitionAsync(id, ArticleStatus.Draft, null, ["published", "scheduled"], user, writer, articles, http, ct);

    public static Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> Archive(
        [Description("Article id.")] long id, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct) =>
        TransitionAsync(id, ArticleStatus.Archived, null, ["draft", "scheduled", "published"], user, writer, articles, http, ct);

    private static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> TransitionAsync(
        long id, ArticleStatus target, DateTimeOffset? publishedAt, string[] from, ClaimsPrincipal user,
        ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return ArticleWriteProblem.NotFound(id);
        var (expected, precondition) = Preconditions.Expected(http, row.Version);
        if (precondition is not null) return precondition;
        if (!from.Contains(row.Status))
            return ArticleWriteProblem.Conflict($"A {row.Status} article cannot become {target.ToString().ToLowerInvariant()}.");
        var result = await writer.TransitionAsync(id, target, publishedAt, expected, Newsroom.ActorOf(user), ct);
        return await EditorialApi.WrittenAsync(result, articles, http, ct);
    }

    public static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> SetRelated(
        [Description("Article id.")] long id, RelatedRequest request, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles,
        HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return ArticleWriteProblem.NotFound(id);
        var (expected, precondition) = Preconditions.Expected(http, row.Version);
        if (precondition is not null) return precondition;

        // PUT replaces the whole list: a body without articleIds ({} or null) must not silently clear it.
        if (request.ArticleIds is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["articleIds"] = ["articleIds is required; send [] to clear the curated list."] });
        var ids = request.ArticleIds;
        var errors = new List<string>();
        if (ids.Count > MaxRelated)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["articleIds"] = [$"At most {MaxRelated} related articles."] });
        if (ids.Contains(id)) errors.Add("An article cannot be related to itself.");
        if (ids.Distinct().Count() != ids.Count) errors.Add("Each related article may appear once.");
        var existing = await articles.ExistingAsync(ids, ct);
        var missing = ids.Where(i => !existing.Contains(i)).ToList();
        if (missing.Count > 0) errors.Add($"No article has id {string.Join(", ", missing)}.");
        if (errors.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["articleIds"] = [.. errors] });

        var result = await articles.SetRelatedAsync(id, ids, expected, Newsroom.ActorOf(user), ct);
        return await EditorialApi.WrittenAsync(result, articles, http, ct);
    }
}
