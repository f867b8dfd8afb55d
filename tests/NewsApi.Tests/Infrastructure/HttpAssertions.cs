using System.Net.Http.Json;
using System.Text.Json;

namespace NewsApi.Tests.Infrastructure;

public static class HttpAssertions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(NewsApiFactory.Json))!;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(NewsApiFactory.Json);

    /// <summary>Asserts an RFC 9457 problem+json answer and returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var json = JsonDocument.Parse(body).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(json.GetProperty("type").GetString(), Is.Not.Empty);
            Assert.That(json.GetProperty("title").GetString(), Is.Not.Empty);
            Assert.That(json.GetProperty("traceId").GetString(), Is.Not.Empty);
        }
        return json;
    }
}
