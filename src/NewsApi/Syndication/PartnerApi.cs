using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Access;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Syndication;

/// <summary>The partner (syndication) API: public articles whose syndication is allowed, as IPTC ninjs 2.2, and
/// the change feed that lets a partner hold exactly that set. Partner and admin keys; answers are private (they
/// depend on the key) but carry ETags, so a poll that finds nothing new is a 304.</summary>
public static class PartnerApi
{
    /// <summary>The change feed's cursors: a position is the seq of the last entry seen (0: none yet).</summary>
    public static readonly CursorList ChangesList = CursorList.OfIds("syndication-changes");

    public const int DefaultChangesLimit = 100;
    public const int MaxChangesLimit = 500;

    public static RouteGroupBuilder MapPartnerApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/syndication").WithTags("Syndication")
            .RequireKey(Policies.Partner).CachePrivate().RequireRateLimiting(RateLimits.Partner).WithValidation();
        group.MapGet("/articles/{id}", GetArticle).WithName("getSyndicatedArticle")
            .WithSummary("Get one syndicatable article as an IPTC ninjs 2.2 document");
        group.MapGet("/changes", ListChanges).WithName("listSyndicationChanges")
            .WithSummary("Every change to the syndicatable articles, in commit order, from a cursor").WithMetadata(ChangesList);
        return group;
    }

    public static async Task<Results<Ok<NinjsDocument>, NotFoundProblem>> GetArticle(
        [Description("Article id.")] long id, ArticleRepository articles, ChangeLogRepository changes, CancellationToken ct)
    {
        var row = await articles.FindAsync(id, publicOnly: true, ct);
        // One answer for missing, draft, embargoed and not-for-syndication alike: a partner learns nothing about
        // articles it may not have.
        if (row is null || !row.SyndicationAllowed) return new NotFoundProblem($"No syndicated article has id {id}.");
        var article = await articles.ToArticleAsync(row, BodyFormats.Html, publicOnly: true, ct);
        return TypedResults.Ok(NinjsMapper.ToDocument(article, row.BodyText, await changes.RelatedAsync(id, ct)));
    }

    public static async Task<Results<Ok<ChangePage>, ValidationProblem>> ListChanges(
        [AsParameters] ChangesQuery query, ChangeLogRepository changes, CursorCodec cursors, CancellationToken ct)
    {
        var after = CursorList.ParseId(ChangesList.Position(cursors, query.Since)) ?? 0;
        var rows = await changes.ListAsync(after, query.Limit ?? DefaultChangesLimit, ct);
        var items = rows.Select(r => r.Type == "upsert"
            ? new Change(r.Seq, r.Type, r.At, NinjsMapper.Uri(r.ArticleId), changes.Document(r))
            : new Change(r.Seq, r.Type, r.At, NinjsMapper.Uri(r.ArticleId), null)).ToList();
        // Always a cursor, also at the end: the partner polls with it, and the same empty answer (the same ETag)
        // comes back as 304 until something changes.
        var next = cursors.Encode(ChangesList.Name, rows.Count > 0 ? rows[^1].Seq : after);
        return TypedResults.Ok(new ChangePage(items, next));
    }
}
