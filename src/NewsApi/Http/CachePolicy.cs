namespace NewsApi.Http;

/// <summary>Endpoint metadata: how shared caches may keep a route's answers. <see cref="ConditionalGetMiddleware"/>
/// reads it; a route without it gets no validators and no <c>Cache-Control</c>.</summary>
public sealed class CachePolicy
{
    /// <summary>The same for every caller: a CDN may keep it.</summary>
    public static readonly CachePolicy Public = new(ConditionalGetMiddleware.PublicCacheControl);

    /// <summary>Depends on the caller (a key, a token) or shows unpublished content: never stored.</summary>
    public static readonly CachePolicy Private = new(ConditionalGetMiddleware.PrivateCacheControl);

    private CachePolicy(string cacheControl) => CacheControl = cacheControl;

    public string CacheControl { get; }

    public bool IsPublic => ReferenceEquals(this, Public);
}

public static class CachePolicyExtensions
{
    public static TBuilder CachePublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CachePolicy.Public);

    public static TBuilder CachePrivate<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CachePolicy.Private);
}
