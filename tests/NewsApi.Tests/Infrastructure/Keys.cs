using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Access;

namespace NewsApi.Tests.Infrastructure;

/// <summary>API keys and authenticated clients for tests.</summary>
public static class Keys
{
    /// <summary>Creates a key of <paramref name="role"/> (optionally for an author slug) and returns the secret.</summary>
    public static async Task<string> CreateAsync(NewsApiFactory factory, string role, string? authorSlug = null, string? name = null)
    {
        var store = factory.Services.GetRequiredService<ApiKeyStore>();
        long? authorId = authorSlug is null ? null : await store.AuthorIdAsync(authorSlug, CancellationToken.None);
        var (_, key) = await store.CreateAsync(name ?? $"{role} test key", role, authorId, CancellationToken.None);
        return key;
    }

    /// <summary>A client that sends <c>Authorization: Bearer key</c> and does not follow redirects.</summary>
    public static HttpClient ClientWith(NewsApiFactory factory, string? key)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public static async Task<HttpClient> ClientForRoleAsync(NewsApiFactory factory, string role, string? authorSlug = null) =>
        ClientWith(factory, await CreateAsync(factory, role, authorSlug));
}
