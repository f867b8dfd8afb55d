using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using NewsApi.Cli;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Data;

/// <summary><c>backup &lt;file&gt;</c> while writers keep writing: the copy is sound, holds every article
/// acknowledged before it started, and a service started on it (the documented restore: stop, copy, start) serves them.</summary>
[TestFixture]
public sealed class BackupTests : ApiTestBase
{
    private readonly List<string> _files = [];

    private string TempPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"newsapi-backup-{Guid.NewGuid():N}.db");
        _files.Add(path);
        return path;
    }

    [OneTimeTearDown]
    public void DeleteFiles()
    {
        foreach (var file in _files) File.Delete(file);
    }

    private async Task<(int Exit, string Output)> BackupAsync(params string[] args)
    {
        await using var output = new StringWriter();
        var exit = await BackupCommand.RunAsync(Factory.Services, args, output);
        return (exit, output.ToString());
    }

    [Test]
    public async Task A_backup_taken_during_writes_holds_every_acknowledged_article_and_restores()
    {
        var acknowledged = new ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                acknowledged.Add((await CreateDraftAsync(Editor, Article($"बैकअप के दौरान लिखी ख़बर {w}-{i}"))).GetProperty("id").GetInt64());
        })).ToList();
        while (acknowledged.Count < 20) await Task.Delay(20);

        var before = acknowledged.ToHashSet();
        var path = TempPath();
        var (exit, output) = await BackupAsync(path);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Backed up to"));

        await using (var copy = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False"))
        {
            await copy.OpenAsync();
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(await check.ExecuteScalarAsync(), Is.EqualTo("ok"));
            await using var ids = copy.CreateCommand();
            ids.CommandText = "SELECT id FROM articles";
            var present = new HashSet<long>();
            await using (var reader = await ids.ExecuteReaderAsync())
                while (await reader.ReadAsync()) present.Add(reader.GetInt64(0));
            Assert.That(before.Except(present), Is.Empty, "every article acknowledged before the backup started is in it");
        }
        Assert.That(File.Exists(path + "-wal"), Is.False, "the copy is one file");

        // Restore: a service started on the copy serves what it holds.
        using var restored = new NewsApiFactory(demoContent: false, dbPath: path);
        var key = await Keys.CreateAsync(restored, NewsApi.Access.Roles.Editor);
        using var client = Keys.ClientWith(restored, key);
        using var response = await client.GetAsync($"{ArticlesUrl}/{before.First()}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_existing_file_is_not_replaced_without_force()
    {
        var path = TempPath();
        await File.WriteAllTextAsync(path, "not a database");
        var (exit, _) = await BackupAsync(path);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo("not a database"));
        var (forced, output) = await BackupAsync(path, "--force");
        Assert.That(forced, Is.Zero, output);
        Assert.That(new FileInfo(path).Length, Is.GreaterThan(4096));
    }

    [Test]
    public async Task The_live_database_is_never_the_target()
    {
        var (exit, _) = await BackupAsync(Factory.DbPath, "--force");
        Assert.That(exit, Is.EqualTo(1));
        using var response = await Editor.GetAsync(ArticlesUrl);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the service still has its database");
    }

    [TestCase]
    [TestCase("a.db", "b.db")]
    [TestCase("--verbose")]
    public async Task Without_exactly_one_file_it_prints_usage_and_exits_2(params string[] args)
    {
        var (exit, _) = await BackupAsync(args);
        Assert.That(exit, Is.EqualTo(2));
    }
}
