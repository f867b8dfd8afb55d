using System.ComponentModel;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Editorial;

/// <summary>/v1/admin/articles: create, read (any status), replace, merge-patch, delete.</summary>
public static class EditorialApi
{
    public static RouteGroupBuilder MapEditorialApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/articles").WithTags("Admin: articles").RequireKey(Policies.Newsroom).CachePrivate().RequireRateLimiting(RateLimits.Admin).WithValidation();
        group.MapPost("/", CreateArticle).WithName("createArticle").WithSummary("Create a draft");
        group.MapGet("/", ListAdminArticles).WithName("listAdminArticles").WithSummary("List articles of any status, newest first")
            .WithMetadata(AdminArticleQuery.List);
        group.MapGet("/{id}", GetAdminArticle).WithName("getAdminArticle").WithSummary("Get an article of any status (ETag \"version.hash\"; If-Match needs only the version)");
        group.MapPut("/{id}", ReplaceArticle).WithName("replaceArticle").WithSummary("Replace an article (If-Match required)");
        group.MapPatch("/{id}", PatchArticle).WithName("patchArticle").WithSummary("Change some fields with a JSON merge patch, RFC 7396 (If-Match required)")
            .Accepts<ArticleInput>("application/merge-patch+json");
        group.MapDelete("/{id}", DeleteArticle).WithName("deleteArticle").WithSummary("Delete an article (If-Match required)");
        return group;
    }

    public static async Task<Results<Created<Article>, ValidationProblem, ConflictProblem, ForbiddenProblem>> CreateArticle(
        ArticleInput input, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var actor = Newsroom.ActorOf(user);
        input = await Newsroom.WithOwnBylineAsync(user, input, articles, ct);
        if (await Newsroom.BylineRefusalAsync(user, input, articles, ct) is { } byline) return new ForbiddenProblem(byline);
        var result = await writer.CreateAsync(input, actor, ct);
        if (result.Error == WriteError.Invalid) return TypedResults.ValidationProblem(result.Errors!);
        if (result.Error == WriteError.SlugTaken)
            return new ConflictProblem(result.Detail!, new Dictionary<string, object?> { ["suggestion"] = result.Suggestion });
        Preconditions.SetETag(http, result.Article!.Version);
        return TypedResults.Created($"/v1/admin/articles/{result.Article.Id}", await articles.ToArticleAsync(result.Article, BodyFormats.Html, publicOnly: false, ct));
    }

    public static async Task<Results<Ok<Page<Article>>, ValidationProblem>> ListAdminArticles(
        [AsParameters] AdminArticleQuery query,
        ArticleRepository articles, CursorCodec cursors, HttpContext http, CancellationToken ct)
    {
        var n = query.Size;
        var beforeId = query.BeforeId(cursors);

        var rows = await articles.ListAnyStatusAsync(query.StatusKey, beforeId, n + 1, ct);
        var page = rows.Take(n).ToList();
        var next = rows.Count > n ? cursors.Encode(AdminArticleQuery.List.Name, page[^1].Id) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Page<Article>(await articles.ToArticlesAsync(page, BodyFormats.Html, publicOnly: false, ct), next));
    }

    public static async Task<Results<Ok<Article>, NotFoundProblem>> GetAdminArticle(
        [Description("Article id.")] long id, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return new NotFoundProblem($"No article has id {id}.");
        Preconditions.SetETag(http, row.Version);
        return TypedResults.Ok(await articles.ToArticleAsync(row, BodyFormats.Html, publicOnly: false, ct));
    }

    public static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> ReplaceArticle(
        [Description("Article id.")] long id, ArticleInput input, ClaimsPrincipal user,
        ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return ArticleWriteProblem.NotFound(id);
        if (!Newsroom.CanEdit(user, row)) return ArticleWriteProblem.Forbidden("Authors may edit only their own drafts.");
        var (expected, precondition) = Preconditions.Expected(http, row.Version);
        if (precondition is not null) return precondition;
        input = await Newsroom.WithOwnBylineAsync(user, input, articles, ct);
        if (await Newsroom.BylineRefusalAsync(user, input, articles, ct) is { } byline) return ArticleWriteProblem.Forbidden(byline);
        var result = await writer.UpdateAsync(id, input, expected, Newsroom.ActorOf(user), ct);
        return await WrittenAsync(result, articles, http, ct);
    }

    public static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem, UnsupportedMediaTypeProblem>> PatchArticle(
        [Description("Article id.")] long id, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles,
        IValidator<ArticleInput> validator, IOptions<JsonOptions> json, HttpContext http, CancellationToken ct)
    {
        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), "application/merge-patch+json", StringComparison.OrdinalIgnoreCase))
            return new UnsupportedMediaTypeProblem("PATCH takes a JSON merge patch: Content-Type: application/merge-patch+json.");
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return ArticleWriteProblem.NotFound(id);
        if (!Newsroom.CanEdit(user, row)) return ArticleWriteProblem.Forbidden("Authors may edit only their own drafts.");
        var (expected, precondition) = Preconditions.Expected(http, row.Version);
        if (precondition is not null) return precondition;

        var options = json.Value.SerializerOptions;
        JsonNode? patch;
        try { patch = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: ct); }
        catch (JsonException e) { return Invalid("body", "The request body is not valid JSON: " + e.Message); }
        if (patch is not JsonObject) return Invalid("body", "A merge patch for an article must be a JSON object.");

        var current = ArticleInput.From(await articles.ToArticleAsync(row, BodyFormats.Html, publicOnly: false, ct), row.CustomExcerpt, row.CanonicalUrl);
        ArticleInput input;
        try { input = MergePatch.Apply(JsonSerializer.SerializeToNode(current, options), patch).Deserialize<ArticleInput>(options)!; }
        catch (JsonException e)
        {
            // The same words as a POST or PUT with the same mistake.
            var problem = ClientErrorExceptionHandler.FromJson(e, StatusCodes.Status400BadRequest);
            return problem is HttpValidationProblemDetails v ? TypedResults.ValidationProblem(v.Errors, v.Detail) : Invalid("body", problem.Detail!);
        }
        // JsonNode parses lazily: a string with a lone surrogate (\ud800) only fails when it is read, as InvalidOperationException.
        catch (InvalidOperationException e) { return Invalid("body", "The request body is not valid JSON: " + e.Message); }
        // …and a repeated member name only when the object is first walked, as ArgumentException.
        catch (ArgumentException e) { return Invalid("body", "The request body is not valid JSON (a member appears twice?): " + e.Message); }
        var validation = await validator.ValidateAsync(input, ct);
        if (!validation.IsValid) return TypedResults.ValidationProblem(validation.ToDictionary());
        input = await Newsroom.WithOwnBylineAsync(user, input, articles, ct);
        if (await Newsroom.BylineRefusalAsync(user, input, articles, ct) is { } byline) return ArticleWriteProblem.Forbidden(byline);

        var result = await writer.UpdateAsync(id, input, expected, Newsroom.ActorOf(user), ct);
        return await WrittenAsync(result, articles, http, ct) switch
        {
            { Result: Ok<Article> ok } => ok,
            { Result: ValidationProblem v } => v,
            { Result: ArticleWriteProblem p } => p,
            var other => throw new InvalidOperationException(other.Result.GetType().Name),
        };
    }

    public static async Task<Results<NoContent, ArticleWriteProblem>> DeleteArticle(
        [Description("Article id.")] long id, ClaimsPrincipal user, ArticleWriter writer, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: false, ct);
        if (row is null) return ArticleWriteProblem.NotFound(id);
        if (!Newsroom.CanEdit(user, row)) return ArticleWriteProblem.Forbidden("Authors may delete only their own drafts.");
        var (expected, precondition) = Preconditions.Expected(http, row.Version);
        if (precondition is not null) return precondition;
        return await articles.DeleteAsync(id, expected, ct)
            ? TypedResults.NoContent()
            : new ArticleWriteProblem(StatusCodes.Status412PreconditionFailed, "The article changed while it was being deleted.");
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The answer to a write: the saved article with its new ETag, or why it was refused.</summary>
    internal static async Task<Results<Ok<Article>, ValidationProblem, ArticleWriteProblem>> WrittenAsync(
        WriteResult result, ArticleRepository articles, HttpContext http, CancellationToken ct)
    {
        switch (result.Error)
        {
            case WriteError.None:
                Preconditions.SetETag(http, result.Article!.Version);
                return TypedResults.Ok(await articles.ToArticleAsync(result.Article, BodyFormats.Html, publicOnly: false, ct));
            case WriteError.Invalid:
                return TypedResults.ValidationProblem(result.Errors!);
            case WriteError.NotFound:
                return new ArticleWriteProblem(StatusCodes.Status404NotFound, result.Detail!);
            case WriteError.VersionMismatch:
                return new ArticleWriteProblem(StatusCodes.Status412PreconditionFailed, result.Detail!);
            case WriteError.NotReady:
                return ArticleWriteProblem.Conflict(result.Detail!);
            case WriteError.SlugTaken:
                return ArticleWriteProblem.Conflict(result.Detail!, new Dictionary<string, object?> { ["suggestion"] = result.Suggestion });
            default:
                throw new InvalidOperationException(result.Error.ToString());
        }
    }
}
