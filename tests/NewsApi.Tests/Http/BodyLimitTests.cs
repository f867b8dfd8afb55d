using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>Kestrel enforces <c>Limits:MaxRequestBodyBytes</c> (the in-process test server does not), so these run the
/// built service: a body past the limit is a 413 problem that names the limit as configured, not a fixed figure.</summary>
[TestFixture]
public sealed class BodyLimitTests
{
    private string _db = null!;
    private string _key = null!;

    [OneTimeSetUp]
    public async Task PrepareDatabaseAsync()
    {
        _db = Path.Combine(Path.GetTempPath(), $"newsapi-limit-{Guid.NewGuid():N}.db");
        using var setup = new NewsApiFactory(demoContent: false, dbPath: _db);
        await CommonTaxonomy.InsertAsync(setup);
        _key = await Keys.CreateAsync(setup, NewsApi.Access.Roles.Editor);
    }

    /// <summary>Past the default 2 MB. Kestrel answers as soon as the declared length is over the limit and closes the
    /// connection, so a client still sending 3 MB may see a broken pipe instead of the answer: the request is written by
    /// hand, headers and a little of the body, and the answer read whole.</summary>
    [Test]
    public async Task A_body_past_the_default_limit_is_a_413_naming_2_MB()
    {
        await using var service = await ServiceProcess.StartAsync(_db);
        var uri = new Uri(service.BaseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST {ArticlesUrl} HTTP/1.1\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {_key}\r\n" +
            $"Content-Type: application/json\r\nContent-Length: {3 * 1024 * 1024}\r\nConnection: close\r\n\r\n{{\"headline\":\"";
        await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(head));
        using var reader = new StreamReader(stream, System.Text.Encoding.UTF8);
        var answer = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.That(answer, Does.StartWith("HTTP/1.1 413"));
        Assert.That(answer, Does.Contain("application/problem+json").And.Contain("larger than the 2 MB this API accepts"));
    }

    [OneTimeTearDown]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_db + suffix);
    }

    [TestCase("65536", 100 * 1024, "64 KB")]
    [TestCase("100000", 150_000, "100000 bytes")]
    public async Task A_body_past_the_configured_limit_is_a_413_naming_that_limit(string limit, int bodyBytes, string named)
    {
        var settings = new Dictionary<string, string> { ["Limits__MaxRequestBodyBytes"] = limit };
        await using var service = await ServiceProcess.StartAsync(_db, settings);
        using var client = service.Client(_key);
        // Devanagari is three bytes a character in UTF-8: the limit counts bytes on the wire.
        var article = Article("सीमा से बड़ा लेख");
        article["body"] = "<p>" + new string('क', bodyBytes / 3) + "</p>";

        using var tooLarge = await client.PostAsJsonAsync(ArticlesUrl, article);

        var problem = await tooLarge.AssertProblemAsync(413);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain(named));
        // Under the limit the same request goes through to validation .
        article["body"] = "<p>छोटा लेख, सीमा के भीतर।</p>";
        using var fits = await client.PostAsJsonAsync(ArticlesUrl, article);
        Assert.That((int)fits.StatusCode, Is.EqualTo(201), await fits.Content.ReadAsStringAsync());
    }
}
