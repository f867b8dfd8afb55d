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

    [OneTimeTearDown]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_db + suffix);
    }

    [TestCase(null, 3 * 1024 * 1024, "2 MB")]
    [TestCase("65536", 100 * 1024, "64 KB")]
    [TestCase("100000", 150_000, "100000 bytes")]
    public async Task A_body_past_the_configured_limit_is_a_413_naming_that_limit(string? limit, int bodyBytes, string named)
    {
        var settings = limit is null ? null : new Dictionary<string, string> { ["Limits__MaxRequestBodyBytes"] = limit };
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
