using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Cli;
using NewsApi.Data;

namespace NewsApi.Tests.Cli;

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

    private static async Task<string> ContentHashAsync(Db db)
    {
        // Everything the seed decides; the timestamps follow the clock.
        await using var connection = await db.OpenAsync();
        var articles = await connection.QueryAsync<string>(
            "SELECT id || slug || headline || excerpt || body_html || body_text || dateline || section_id || source_id FROM articles ORDER BY id");
        var tags = await connection.QueryAsync<string>("SELECT article_id || ':' || tag_id || ':' || position FROM article_tags ORDER BY 1");
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', articles.Concat(tags)))));
    }

    [Test]
    public async Task The_same_seed_gives_the_same_corpus_and_each_rare_word_is_in_a_handful_of_articles()
    {
        SqliteConnection.ClearAllPools();
        await GenerateCorpus.GenerateAsync(_db, 400, seed: 7, CancellationToken.None);
        var otherPath = Path.Combine(Path.GetTempPath(), $"newsapi-corpus-{Guid.NewGuid():N}.db");
        try
        {
            using (var other = new Db($"Data Source={otherPath}"))
            {
                await new Migrator(other, NullLogger<Migrator>.Instance).MigrateAsync();
                await GenerateCorpus.GenerateAsync(other, 400, seed: 7, CancellationToken.None);
                Assert.That(await ContentHashAsync(other), Is.EqualTo(await ContentHashAsync(_db)));
            }

            await using var check = await _db.OpenAsync();
            var counts = (await check.QueryAsync<(string Term, long Doc)>("SELECT term, doc FROM article_search_terms"))
                .ToDictionary(t => t.Term, t => t.Doc);
            var rare = GenerateCorpus.RareWords.Where(counts.ContainsKey).ToList();
            Assert.That(rare, Has.Count.EqualTo(400 / 20), "one rare word per 20 articles");
            Assert.That(rare.Select(w => counts[w]), Has.All.InRange(1, 6));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(otherPath + suffix);
        }
    }
}
