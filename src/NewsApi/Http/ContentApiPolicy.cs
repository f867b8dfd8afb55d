using NewsApi.Access;

namespace NewsApi.Http;

public static class ContentApiPolicyExtensions
{
    /// <summary>The content API's policy, declared on each of its route groups: open and publicly cacheable, or,
    /// with <c>ContentApi:RequireKey</c>, a reader key required and answers private, as they then depend on the key.</summary>
    public static RouteGroupBuilder ContentApiPolicy(this RouteGroupBuilder group)
    {
        var configuration = ((IEndpointRouteBuilder)group).ServiceProvider.GetRequiredService<IConfiguration>();
        return configuration.GetValue("ContentApi:RequireKey", false)
            ? group.RequireKey(Policies.Reader).CachePrivate()
            : group.CachePublic();
    }
}
