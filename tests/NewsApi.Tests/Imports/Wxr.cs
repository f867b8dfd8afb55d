using System.Net;
using System.Text;
using System.Text.Json;
using NewsApi.Imports;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>Running imports the two ways a newsroom does: the import-wxr command and POST /v1/admin/imports.</summary>
public static class Wxr
{
    public static string FixturePath => Path.Combine(TestContext.CurrentContext.TestDirectory, "Imports", "Fixtures", "wordpress6-hindi.xml");

    public static string Fixture => File.ReadAllText(FixturePath, Encoding.UTF8);

    /// <summary>The post's slug as WordPress encodes it in the fixture, and as NewsApi stores it (decoded, NFC: the
    /// precomposed फ़ U+095E becomes फ + nukta).</summary>
    public const string EncodedSlug101 = "%e0%a4%95%e0%a4%bf%e0%a4%ae-%e0%a4%a8%e0%a5%87-%e0%a4%aa%e0%a5%81%e0%a4%a4%e0%a4%bf%e0%a4%a8-%e0%a4%b8%e0%a5%87-%e0%a5%9e%e0%a5%8b%e0%a4%a8-%e0%a4%aa%e0%a4%b0-%e0%a4%ac%e0%a4%be%e0%a4%a4-%e0%a4%95%e0%a5%80";

    public static readonly string Slug101 = "किम-ने-पुतिन-से-\u092B\u093Cोन-पर-बात-की";

    /// <summary>Writes <paramref name="content"/> to a temporary file, runs <c>import-wxr</c> on it, deletes it.</summary>
    public static async Task<(int Exit, string Output)> CommandAsync(NewsApiFactory factory, string content, params string[] options)
    {
        var path = Path.Combine(Path.GetTempPath(), $"wxr-test-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(path, content, new UTF8Encoding(false));
        try
        {
            return await CommandOnFileAsync(factory, path, options);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static async Task<(int Exit, string Output)> CommandOnFileAsync(NewsApiFactory factory, string path, params string[] options)
    {
        await using var output = new StringWriter();
        var exit = await ImportCommand.RunAsync(factory.Services, [path, .. options], output);
        return (exit, output.ToString());
    }

    /// <summary>POSTs the export and returns the 202's Location.</summary>
    public static async Task<string> StartOverHttpAsync(HttpClient admin, string content, string query = "")
    {
        using var body = new StringContent(content, new UTF8Encoding(false), "application/xml");
        using var response = await admin.PostAsync("/v1/admin/imports" + query, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), text);
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Does.Match(@"^/v1/admin/imports/\d+$"));
        Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("status").GetString(), Is.EqualTo("running"));
        return location;
    }

    /// <summary>Polls the job until it is no longer running.</summary>
    public static async Task<JsonElement> FinishedAsync(HttpClient admin, string location)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await admin.GetAsync(location);
            var text = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
            var job = JsonDocument.Parse(text).RootElement.Clone();
            if (job.GetProperty("status").GetString() != "running") return job;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the import did not finish in time");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonElement> ImportOverHttpAsync(HttpClient admin, string content, string query = "") =>
        await FinishedAsync(admin, await StartOverHttpAsync(admin, content, query));

    /// <summary>Every article of any status, through the editorial API.</summary>
    public static async Task<List<JsonElement>> AllArticlesAsync(HttpClient editor)
    {
        using var response = await editor.GetAsync("/v1/admin/articles?limit=100");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone())];
    }

    public static JsonElement ByHeadline(IEnumerable<JsonElement> articles, string start) =>
        articles.Single(a => a.GetProperty("headline").GetString()!.StartsWith(start, StringComparison.Ordinal));
}
