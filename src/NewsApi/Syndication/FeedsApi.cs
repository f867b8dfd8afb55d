using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Http;

namespace NewsApi.Syndication;

/// <summary>RSS 2.0, Atom and JSON Feed of the latest public articles. Feeds are public answers under the content
/// API's policy (caching, ETag / 304, rate limits, ContentApi:RequireKey): published, past-embargo articles only,
/// whatever their syndication flag, which only the partner API reads.</summary>
public static class FeedsApi
{
    public static RouteGroupBuilder MapFeedsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/feeds").WithTags("Feeds").ContentApiPolicy();
        group.MapGet("/rss.xml", GetRssFeed).WithName("getRssFeed")
            .WithSummary("The latest 50 published articles as RSS 2.0, newest first");
        group.MapGet("/atom.xml", GetAtomFeed).WithName("getAtomFeed")
            .WithSummary("The latest 50 published articles as an Atom feed (RFC 4287), newest first");
        group.MapGet("/feed.json", GetJsonFeed).WithName("getJsonFeed")
            .WithSummary("The latest 50 published articles as JSON Feed 1.1, newest first");
        return group;
    }

    public static Task<Results<FeedDocument<RssFormat>, NotFoundProblem>> GetRssFeed(
        [AsParameters] FeedQuery query, FeedSource feeds, HttpContext http, CancellationToken ct) =>
        feeds.AnswerAsync<RssFormat>(query, http, ct);

    public static Task<Results<FeedDocument<AtomFormat>, NotFoundProblem>> GetAtomFeed(
        [AsParameters] FeedQuery query, FeedSource feeds, HttpContext http, CancellationToken ct) =>
        feeds.AnswerAsync<AtomFormat>(query, http, ct);

    public static Task<Results<FeedDocument<JsonFeedFormat>, NotFoundProblem>> GetJsonFeed(
        [AsParameters] FeedQuery query, FeedSource feeds, HttpContext http, CancellationToken ct) =>
        feeds.AnswerAsync<JsonFeedFormat>(query, http, ct);
}

/// <summary>Query parameters of the feeds. An unknown slug is a 404: a typo must not look like a quiet section.</summary>
public sealed record FeedQuery(
    [FromQuery(Name = "section")] [property: Description("Section slug; its sub-sections are included.")] string? Section,
    [FromQuery(Name = "tag")] [property: Description("Tag slug.")] string? Tag)
{
    public string? SectionSlug => Normalize(Section);

    public string? TagSlug => Normalize(Tag);

    private static string? Normalize(string? slug) => string.IsNullOrWhiteSpace(slug) ? null : Text.Slug.Key(slug);
}
