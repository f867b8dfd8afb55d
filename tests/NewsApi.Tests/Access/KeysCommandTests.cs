using System.Diagnostics;
using System.Net;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary><c>keys create --name N --role R [--author slug]</c> prints the new key alone on the last line.</summary>
[TestFixture]
public sealed class KeysCommandTests : ApiTestBase
{
    private async Task<(int Exit, string[] Lines)> RunAsync(params string[] args)
    {
        await using var writer = new StringWriter();
        var exit = await KeysCommand.RunAsync(Factory.Services, args, writer);
        return (exit, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray());
    }

    private async Task<int> KeyCountAsync() => (await Keys.ListedAsync(Admin)).Count;

    [Test]
    public async Task Create_prints_a_working_key_alone_on_the_last_line()
    {
        var (exit, lines) = await RunAsync("create", "--name", "desk laptop", "--role", "editor");
        Assert.That(exit, Is.Zero, string.Join('\n', lines));
        var key = lines[^1];
        Assert.That(key, Does.Match("^nk_[A-Za-z0-9_-]{22,}$"), "the last line is the key and nothing else");

        using var client = Keys.ClientWith(Factory, key);
        using (Assert.EnterMultipleScope())
        {
            using var editorRoute = await client.GetAsync("/v1/admin/articles");
            Assert.That(editorRoute.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var adminRoute = await client.GetAsync("/v1/admin/keys");
            await adminRoute.AssertProblemAsync(403);
        }
        using var list = await Admin.GetAsync("/v1/admin/keys?limit=100");
        var listed = (await list.JsonAsync()).GetProperty("items").EnumerateArray().Single(k => key.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(listed.GetProperty("name").GetString(), Is.EqualTo("desk laptop"));
            Assert.That(listed.GetProperty("role").GetString(), Is.EqualTo("editor"));
        }
    }

    [Test]
    public async Task Create_with_an_author_makes_an_author_key_for_that_author()
    {
        var (exit, lines) = await RunAsync("create", "--name", "ravi phone", "--role", "author", "--author", "ravi");
        Assert.That(exit, Is.Zero);
        using var client = Keys.ClientWith(Factory, lines[^1]);
        using var response = await client.PostAsync("/v1/admin/articles",
            System.Net.Http.Json.JsonContent.Create(EditorialHttp.ArticleWithoutAuthors("रवि की ख़बर"), options: NewsApiFactory.Json));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var authors = (await response.JsonAsync()).GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("slug").GetString());
        Assert.That(authors, Is.EqualTo(new[] { "ravi" }));
    }

    [TestCase("create", "--name", "x", "--role", "boss")]
    [TestCase("create", "--name", "x", "--role", "Editor")]
    [TestCase("create", "--name", "x")]
    [TestCase("create", "--role", "editor")]
    [TestCase("create", "--name", "   ", "--role", "editor")]
    [TestCase("create", "--name", "x", "--role", "author", "--author", "nobody-here")]
    [TestCase("delete", "--name", "x", "--role", "editor")]
    [TestCase]
    public async Task Bad_arguments_exit_non_zero_and_create_no_key(params string[] args)
    {
        var before = await KeyCountAsync();
        var (exit, lines) = await RunAsync(args);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.Not.Zero);
            Assert.That(lines.Where(l => l.StartsWith("nk_", StringComparison.Ordinal)), Is.Empty);
            Assert.That(await KeyCountAsync(), Is.EqualTo(before));
        }
    }

    /// <summary>The real executable on a database that does not exist yet: making the first admin key is
    /// the first thing anyone does, before the service has ever started (and migrated).</summary>
    [Test]
    public async Task The_executable_makes_the_first_key_on_a_fresh_database()
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"newsapi-cli-{Guid.NewGuid():N}.db");
        try
        {
            var (exit, stdout, stderr) = await RunExecutableAsync(dbPath, "keys", "create", "--name", "first admin", "--role", "admin");
            Assert.That(exit, Is.Zero, stdout + stderr);
            var key = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            Assert.That(key, Does.Match("^nk_[A-Za-z0-9_-]{22,}$"), stdout);

            using var factory = new NewsApiFactory(demoContent: false, settings: new() { ["ConnectionStrings:NewsDb"] = $"Data Source={dbPath}" });
            using var client = Keys.ClientWith(factory, key);
            using var response = await client.GetAsync("/v1/admin/keys");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var items = (await response.JsonAsync()).GetProperty("items");
            Assert.That(items.EnumerateArray().Select(k => k.GetProperty("name").GetString()), Is.EqualTo(new[] { "first admin" }));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    [Test]
    public async Task The_executable_exits_non_zero_on_a_bad_role()
    {
        var dbPath = Path.Combine(Path.GetTempPath(), $"newsapi-cli-{Guid.NewGuid():N}.db");
        try
        {
            var (exit, stdout, stderr) = await RunExecutableAsync(dbPath, "keys", "create", "--name", "x", "--role", "root");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(exit, Is.Not.Zero, stdout + stderr);
                Assert.That(stdout, Does.Not.Contain("nk_"));
                Assert.That(stderr, Does.Contain("Role must be one of"));
            }
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(dbPath + suffix);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunExecutableAsync(string dbPath, params string[] args)
    {
        var dll = typeof(KeysCommand).Assembly.Location;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["ConnectionStrings__NewsDb"] = $"Data Source={dbPath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
