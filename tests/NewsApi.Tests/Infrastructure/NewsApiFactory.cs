using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The real service, in process, on its own temporary SQLite file.</summary>
public sealed class NewsApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _demoContent;
    private readonly Dictionary<string, string?> _settings;

    private bool _ownsDbPath;

    /// <param name="dbPath">An existing database file to run on (e.g. to simulate a restart); the factory
    /// then leaves it in place on Dispose. Without it, a fresh temporary file that Dispose deletes.</param>
    public NewsApiFactory(bool demoContent = true, FakeTimeProvider? clock = null, Dictionary<string, string?>? settings = null, string? dbPath = null)
    {
        _demoContent = demoContent;
        Clock = clock;
        _settings = settings ?? [];
        _ownsDbPath = dbPath is null;
        DbPath = dbPath ?? Path.Combine(Path.GetTempPath(), $"newsapi-test-{Guid.NewGuid():N}.db");
    }

    public string DbPath { get; }

    public FakeTimeProvider? Clock { get; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stops this service as a deployment does (hosted services stop and flush what they hold) and
    /// returns another on the same file, with the same settings, on <paramref name="clock"/>. The file is
    /// handed over: the new factory deletes it, if this one would have.</summary>
    public NewsApiFactory Restarted(FakeTimeProvider? clock)
    {
        var next = new NewsApiFactory(_demoContent, clock, _settings, DbPath) { _ownsDbPath = _ownsDbPath };
        _ownsDbPath = false;
        Dispose();
        return next;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:NewsDb", $"Data Source={DbPath}");
        builder.UseSetting("NewsApi:DemoContent", _demoContent ? "true" : "false");
        // Every test client shares one address; the rate-limit tests turn limits on for themselves.
        builder.UseSetting("RateLimiting:PermitsPerMinute", "0");
        builder.UseSetting("RateLimiting:AdminPermitsPerMinute", "0");
        builder.UseSetting("RateLimiting:PartnerPermitsPerMinute", "0");
        // Tests' webhook receivers listen on 127.0.0.1; the SSRF tests turn the guard back on for themselves.
        builder.UseSetting("Webhooks:AllowPrivateTargets", "true");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (Clock is not null)
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
        // Every answer is checked against the committed contract (ContractValidation.cs).
        builder.ConfigureServices(s => s.AddSingleton<ContractViolations>().AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, ContractValidationStartupFilter>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!_ownsDbPath) return;
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(DbPath + suffix); }
            catch (IOException) { }
        }
        // The import spool beside the database (Imports/ImportSpool.cs), when a test imported over HTTP.
        try { if (Directory.Exists(DbPath + ".imports")) Directory.Delete(DbPath + ".imports", recursive: true); }
        catch (IOException) { }
    }
}
