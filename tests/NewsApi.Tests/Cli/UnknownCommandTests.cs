using System.Diagnostics;

namespace NewsApi.Tests.Cli;

/// <summary>A misspelt sub-command exits non-zero with the usage instead of quietly starting the web server.</summary>
[TestFixture]
public sealed class UnknownCommandTests
{
    [Test]
    public async Task Bakup_exits_2_with_the_usage()
    {
        var dll = typeof(Program).Assembly.Location;
        var db = Path.Combine(Path.GetTempPath(), $"newsapi-unknown-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", [dll, "bakup", "x.db"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ConnectionStrings__NewsDb"] = $"Data Source={db}";
        start.Environment["NewsApi__DemoContent"] = "false";
        start.Environment["urls"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("bakup did not exit: it started the server");
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(db + suffix);
        }
        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(await error, Does.Contain("Unknown command 'bakup'").And.Contain("backup <file>"));
    }

    [TestCase("bakup", true)]
    [TestCase("backup", false)]
    [TestCase("--urls", false)]
    [TestCase("/urls", false)]
    [TestCase("NewsApi:DemoContent=false", false)]
    public void Only_a_bare_word_that_is_no_command_is_unknown(string first, bool unknown) =>
        Assert.That(NewsApi.Cli.Commands.IsUnknownCommand([first, "x"]), Is.EqualTo(unknown));
}
