using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Access;

namespace NewsApi.Tests.Infrastructure;

/// <summary>API keys and authenticated clients for tests.</summary>
public static class Keys
{
    /// <summary>Creates a key of <paramref name="role"/> (optionally for an author slug) and returns the secret.</summary>
    public static async Task<string> CreateAsync(NewsApiFactory factory, string role, string? authorSlug = null, string? name = null)
    {
        var store = factory.Services.GetRequiredService<ApiKeyRepository>();
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

    /// <summary>The id of the key named <paramref name="name"/>, read from the admin list.</summary>
    public static async Task<long> IdAsync(HttpClient admin, string name) =>
        (await ListedAsync(admin)).Single(k => k.GetProperty("name").GetString() == name).GetProperty("id").GetInt64();

    /// <summary>The key's <c>lastUsedAt</c> in the admin list, once it equals <paramref name="expected"/> (it is
    /// written in the background, after each flush interval); fails after a few seconds.</summary>
    public static async Task<DateTimeOffset?> LastUsedAtEventuallyAsync(HttpClient admin, long id, DateTimeOffset expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var key = (await ListedAsync(admin)).Single(k => k.GetProperty("id").GetInt64() == id);
            DateTimeOffset? lastUsedAt = key.GetProperty("lastUsedAt").ValueKind == JsonValueKind.Null ? null : key.GetProperty("lastUsedAt").GetDateTimeOffset();
            if (lastUsedAt == expected || DateTime.UtcNow > deadline) return lastUsedAt;
            await Task.Delay(20);
        }
    }

    public static async Task<List<JsonElement>> ListedAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/v1/admin/keys?limit=100");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, raw);
        return [.. JsonDocument.Parse(raw).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }
}
