using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Cli;
using NewsApi.Data;

namespace NewsApi.Tests.Search;

/// <summary>The bulk loader leaves WAL mode while it writes, which needs the database file to itself.</summary>
[TestFixture]
public sealed class GenerateCorpusTests
{
    private string _path = null!;
    private Db _db = null!;

    [SetUp]
    public async Task CreateAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"newsapi-corpus-{Guid.NewGuid():N}.db");
        _db = new Db($"Data Source={_path}");
        await new Migrator(_db, NullLogger<Migrator>.Instance).MigrateAsync();
    }

    [TearDown]
    public void Delete()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    [Test]
    public async Task With_another_reader_on_the_file_it_refuses_quickly_and_writes_nothing()
    {
        await using (var reader = await _db.OpenAsync())
        await using (var read = await reader.BeginTransactionAsync())
        {
            await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM articles", transaction: read);
            var error = Assert.ThrowsAsync<InvalidOperationException>(() => GenerateCorpus.GenerateAsync(_db, 10, seed: 1, CancellationToken.None));
            Assert.That(error!.Message, Does.Contain("to itself"));
        }
        await using var check = await _db.OpenAsync();
        Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM articles"), Is.Zero);
        Assert.That(await check.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
    }

    [Test]
    public async Task Alone_on_the_file_it_writes_every_article_to_the_index_and_returns_to_wal()
    {
        SqliteConnection.ClearAllPools();
        await GenerateCorpus.GenerateAsync(_db, 50, seed: 1, CancellationToken.None);
        await using var check = await _db.OpenAsync();
        Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM articles WHERE status = 'published'"), Is.EqualTo(50));
        Assert.That(await check.ExecuteScalarAsync<long>("SELECT count(*) FROM article_search"), Is.EqualTo(50));
        Assert.That(await check.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        // The pool's connection (the loader's own, back in the pool) is synchronised again: NORMAL, not OFF.
        Assert.That(await check.ExecuteScalarAsync<long>("PRAGMA synchronous"), Is.EqualTo(1));
    }
}
