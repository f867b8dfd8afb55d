using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Data;

/// <summary>SQLite has one writer. While another connection holds the write lock, a write waits at most
/// NewsApi:WriteLockTimeout (1 s here) and then answers 503 with Retry-After, having written nothing;
/// reads go on answering.</summary>
[TestFixture]
public sealed class WriteLockTests : ApiTestBase
{
    // Far below the 30 s a busy write used to hang, generous for a loaded CI machine.
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(10);

    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["NewsApi:WriteLockTimeout"] = "00:00:01";

    protected override async Task ArrangeAsync()
    {
        // A key's first use records lastUsedAt (a write); done here, so the writes under test are the only ones.
        using var warm = await Editor.GetAsync(ArticlesUrl + "?limit=1");
        Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(warm));
    }

    /// <summary>Another writer: a connection of its own in a BEGIN IMMEDIATE transaction, until disposed.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task AssertBusyAsync(HttpResponseMessage response, TimeSpan took)
    {
        var problem = await response.AssertProblemAsync(503);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)), "Retry-After in seconds, the configured lock wait");
            Assert.That(problem.GetProperty("type").GetString(), Is.EqualTo("https://tools.ietf.org/html/rfc9110#section-15.6.4"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("busy with other writes"));
            Assert.That(took, Is.LessThan(AnswerBound));
        }
    }

    [Test]
    public async Task A_create_that_cannot_get_the_write_lock_answers_503_with_Retry_After_writes_nothing_and_succeeds_once_the_lock_is_free()
    {
        var body = Article("लॉक " + Unique("busy"));
        var before = await CountAdminArticlesAsync(Editor);

        await using (var writer = await HoldWriteLockAsync())
        {
            var clock = Stopwatch.StartNew();
            using var busy = await CreateAsync(Editor, body);
            var took = clock.Elapsed;
            TestContext.Out.WriteLine($"503 after {took.TotalMilliseconds:F0} ms");
            await AssertBusyAsync(busy, took);
            Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before), "nothing written while the lock was held");
        }

        using var created = await CreateAsync(Editor, body);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await BodyAsync(created));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before + 1), "the retried create wrote one article");
    }

    [Test]
    public async Task A_section_create_that_cannot_get_the_write_lock_answers_503_with_Retry_After_and_succeeds_once_the_lock_is_free()
    {
        var slug = Unique("section");
        var body = new { name = "खंड " + slug, slug };

        await using (var writer = await HoldWriteLockAsync())
        {
            var clock = Stopwatch.StartNew();
            using var busy = await Editor.PostAsJsonAsync("/v1/admin/sections", body, NewsApiFactory.Json);
            await AssertBusyAsync(busy, clock.Elapsed);
        }

        using var missing = await Editor.GetAsync("/v1/admin/sections/" + slug);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the refused create left no section behind");
        using var created = await Editor.PostAsJsonAsync("/v1/admin/sections", body, NewsApiFactory.Json);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await BodyAsync(created));
    }

    [Test]
    public async Task An_unkeyed_public_read_answers_200_while_another_writer_holds_the_lock()
    {
        await using var writer = await HoldWriteLockAsync();

        using var response = await Public.GetAsync("/v1/articles/2");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(response));
        Assert.That((await response.JsonAsync()).GetProperty("id").GetInt64(), Is.EqualTo(2));
    }
}
