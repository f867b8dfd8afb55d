using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace NewsApi.Client;

/// <summary>Creates the Kiota-generated <see cref="NewsApiClient"/> over an HttpClient the app owns (MAUI apps keep
/// one per process), with an optional API key sent the way the contract's <c>bearer</c> scheme says.</summary>
public static class NewsApiClients
{
    public static NewsApiClient Create(HttpClient http, Uri baseUrl, string? apiKey = null)
    {
        IAuthenticationProvider auth = apiKey is null ? new AnonymousAuthenticationProvider() : new BearerKeyProvider(apiKey);
        var adapter = new HttpClientRequestAdapter(auth, httpClient: http) { BaseUrl = baseUrl.ToString().TrimEnd('/') };
        return new NewsApiClient(adapter);
    }

    /// <summary>An API key is not an OAuth token, so no token provider: the header is set as it is.</summary>
    private sealed class BearerKeyProvider(string key) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.TryAdd("Authorization", "Bearer " + key);
            return Task.CompletedTask;
        }
    }
}
