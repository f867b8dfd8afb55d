using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using NewsApi.Articles;

namespace NewsApi.Syndication;

/// <summary>What a feed says about itself, the same in every format.</summary>
/// <param name="TaggingEntity">The RFC 4151 tagging entity of every id (<see cref="FeedsOptions.TaggingEntity"/>).</param>
/// <param name="Name">This feed among the others (its filters), the specific part of its id.</param>
/// <param name="SelfUrl">Where this feed is fetched from (rel="self", JSON Feed's feed_url).</param>
/// <param name="HomeUrl">The website (rel="alternate", home_page_url).</param>
/// <param name="Updated">The newest change among its articles.</param>
/// <param name="ApiBaseUrl">This API's address: category schemes point at its /v1/sections/ and /v1/tags/.</param>
public sealed record FeedHead(
    string TaggingEntity, string Name, string Title, string Description, string SelfUrl, string HomeUrl, DateTimeOffset Updated, string Publisher, string ApiBaseUrl)
{
    public const string Language = "hi";

    /// <summary>Permanent id of this feed, a tag: URI (Atom requires one).</summary>
    public string Id => "tag:" + TaggingEntity + ":" + Name;

    /// <summary>An article's permanent id: built from its numeric id, never from the slug, so an edited slug
    /// (or URL pattern, or site address) does not make readers show the story again as new.</summary>
    public string ArticleId(long id) => "tag:" + TaggingEntity + ":article:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string SectionScheme => ApiBaseUrl + "/v1/sections/";

    public string TagScheme => ApiBaseUrl + "/v1/tags/";
}

/// <summary>One feed format: its media type, the schema the contract shows for it, and its writer.</summary>
public interface IFeedFormat
{
    static abstract string MediaType { get; }

    /// <summary>The body's type in the OpenAPI document (a string for XML).</summary>
    static abstract Type Schema { get; }

    /// <summary>The whole document as UTF-8 (no BOM), newest article first.</summary>
    static abstract byte[] Write(FeedHead head, IReadOnlyList<Article> articles);
}

/// <summary>A feed answered in <typeparamref name="TFormat"/>, declaring its media type for the 200 in the contract.
/// Written whole before it is sent: the framework's XML writers are synchronous, and the conditional GET
/// middleware buffers every answer anyway (to hash it for the ETag).</summary>
public sealed class FeedDocument<TFormat>(FeedHead head, IReadOnlyList<Article> articles)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
    where TFormat : IFeedFormat
{
    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => TFormat.MediaType + "; charset=utf-8";

    public FeedHead Head => head;

    public IReadOnlyList<Article> Articles => articles;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var body = TFormat.Write(head, articles);
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's member is static; the framework calls it, per format.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, TFormat.Schema, [TFormat.MediaType]));
}
