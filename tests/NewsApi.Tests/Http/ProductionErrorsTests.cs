using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>In Production, an unexpected failure answers a bare 500 problem (no exception type, message or stack),
/// and a body with members the API does not have (status, version, an owner) is refused rather than applied.</summary>
[TestFixture]
public sealed class ProductionErrorsTests : ApiTestBase
{
    [Test]
    public async Task A_500_in_production_tells_nothing_of_the_exception()
    {
        var db = Path.Combine(Path.GetTempPath(), $"newsapi-prod-{Guid.NewGuid():N}.db");
        try
        {
            await using var service = await ServiceProcess.StartAsync(db);
            // Break the database under the running service: the next taxonomy read fails inside SQLite.
            await using (var connection = new SqliteConnection($"Data Source={db};Pooling=False"))
            {
                await connection.OpenAsync();
                await using var drop = connection.CreateCommand();
                drop.CommandText = "DROP TABLE sources";
                await drop.ExecuteNonQueryAsync();
            }
            using var client = service.Client();
            using var response = await client.GetAsync("/v1/sources");
            var body = await response.AssertProblemAsync(500);
            var text = body.ToString();
            Assert.That(text, Does.Not.Contain("sources").And.Not.Contain("Sqlite").And.Not.Contain("Exception").And.Not.Contain(" at "),
                "no table name, exception type or stack frame");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        }
    }

    [TestCase("status", "published")]
    [TestCase("version", 99)]
    [TestCase("id", 12345)]
    [TestCase("ownerKeyId", 1)]
    [TestCase("publishedAt", "2020-01-01T00:00:00Z")]
    public async Task A_member_the_write_does_not_take_is_refused_not_applied(string member, object value)
    {
        using var response = await Editor.PostAsJsonAsync(ArticlesUrl, Article("अनचाहे सदस्य वाली ख़बर").With(member, value), NewsApiFactory.Json);
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.ToString(), Does.Contain(member));
    }
}
