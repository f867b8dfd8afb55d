using System.ComponentModel;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Imports;

/// <summary>The body of a legacy-URL redirect: where the article is in the API and on the website now.</summary>
public sealed record LegacyRedirect(long Id,
    [property: Description("The article in this API (also the Location header).")] string Location,
    [property: Description("The article's current public URL on the website.")] string Url);

/// <summary>Old WordPress addresses of imported articles, for websites that keep old links alive.</summary>
public static class RedirectsApi
{
    public static RouteGroupBuilder MapRedirectsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Redirects").ContentApiPolicy().WithValidation();
        group.MapGet("/redirects", FindRedirect).WithName("findRedirect")
            .WithSummary("Where an imported article's old WordPress address (its link or guid) lives now: 301 to the article");
        return group;
    }

    public static async Task<Results<MovedToArticle, NotFoundProblem, ValidationProblem>> FindRedirect(
        [Description("The old path, e.g. /2025/08/13/old-slug/ (percent-encoded or not; with its query, e.g. /?p=123).")] string? path,
        [Description("Or the whole old URL.")] string? url,
        ArticleRepository articles, ArticleMapper mapper, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(path) == string.IsNullOrWhiteSpace(url))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["path"] = ["Give either path or url (one of them)."] });
        var key = LegacyPath.Key(path ?? url);
        if (key is null)
            return TypedResults.ValidationProblem(path is null
                ? new Dictionary<string, string[]> { ["url"] = ["url must be an absolute http(s) URL."] }
                : new Dictionary<string, string[]> { ["path"] = ["path must start with /."] });
        if (await articles.FindByLegacyPathAsync(key, ct) is not { } found)
            return new NotFoundProblem($"No published article had the address '{key}'.");
        // Cached like the article, so a change to it (a new slug, unpublishing) purges the redirect too.
        CacheTags.Describe(http, null, ["articles", CacheTags.Article(found.Id)]);
        return new MovedToArticle(new LegacyRedirect(found.Id, $"/v1/articles/{found.Id}", mapper.Url(found.SectionSlug, found.Slug)));
    }
}

/// <summary>301 to an article with a JSON body naming it, declared in the contract.</summary>
public sealed class MovedToArticle(LegacyRedirect redirect) : IResult, IStatusCodeHttpResult, IValueHttpResult<LegacyRedirect>, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status301MovedPermanently;

    public LegacyRedirect Value => redirect;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        httpContext.Response.Headers.Location = redirect.Location;
        return httpContext.Response.WriteAsJsonAsync(redirect, httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status301MovedPermanently, typeof(LegacyRedirect), ["application/json"]));
}
