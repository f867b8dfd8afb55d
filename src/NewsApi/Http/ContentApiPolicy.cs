using NewsApi.Access;

namespace NewsApi.Http;

public static class ContentApiPolicyExtensions
{
    /// <summary>The content API's policy, declared on each of its route groups: open and publicly cacheable, or,
    /// with <c>ContentApi:RequireKey</c>, a reader key required and answers private, as they then depend on the key.</summary>
    public static RouteGroupBuilder ContentApiPolicy(this RouteGroupBuilder group)
    {
        var configuration = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IConfiguration>();
        group.WithMetadata(ContentApiEndpoint.Instance).RequireRateLimiting(RateLimits.Content);
        return configuration.GetValue("ContentApi:RequireKey", false)
            ? group.RequireKey(Policies.Reader).CachePrivate()
            : group.CachePublic();
    }
}

/// <summary>Marks a content API endpoint, so the contract can say that a deployment may close it to keyless
/// callers (the 401 it then answers) whichever way this deployment is configured.</summary>
public sealed class ContentApiEndpoint
{
    public static readonly ContentApiEndpoint Instance = new();

    private ContentApiEndpoint() { }
}
