using Microsoft.Extensions.Time.Testing;
using NewsApi.Access;

namespace NewsApi.Tests.Infrastructure;

/// <summary>What a database holds when the service starts for a test class, before the class's own <see cref="ApiTestBase.ArrangeAsync"/>.</summary>
[Flags]
public enum Contents
{
    None = 0,

    /// <summary>The embedded demo page (see <see cref="Seed"/>), loaded by the service itself at start-up.</summary>
    Demo = 1,

    /// <summary>The sections, sources and authors most tests name (see <see cref="CommonTaxonomy"/>).</summary>
    Taxonomy = 2,
}

/// <summary>The real service on a temporary SQLite file of its own, with the clients most tests need.
/// Started once per test class: many tests count articles or expect an empty list, so classes never share
/// a database. A class says how its service differs by overriding the virtual members below, not by
/// starting one of its own.</summary>
public abstract class ApiTestBase
{
    private readonly List<HttpClient> _clients = [];
    private NewsApiFactory? _factory;
    private string _editorKey = null!;
    private string _adminKey = null!;

    protected NewsApiFactory Factory => _factory ?? throw new InvalidOperationException("The service is not running.");

    /// <summary>The fake clock the service runs on; only with <see cref="ClockStart"/>.</summary>
    protected FakeTimeProvider Clock => Factory.Clock ?? throw new InvalidOperationException($"{GetType().Name} runs on the real clock: override ClockStart.");

    /// <summary>No key; redirects are not followed, so tests see the 301s themselves.</summary>
    protected HttpClient Public { get; private set; } = null!;

    protected HttpClient Editor { get; private set; } = null!;

    protected HttpClient Admin { get; private set; } = null!;

    /// <summary>A fresh service for every test rather than one per class: for tests that each move the clock
    /// from the same start, or that restart the service.</summary>
    protected virtual bool ServicePerTest => false;

    protected virtual Contents StartWith => Contents.Taxonomy;

    /// <summary>When set, the service runs on a <see cref="FakeTimeProvider"/> starting then.</summary>
    protected virtual DateTimeOffset? ClockStart => null;

    /// <summary>The name of the editor's key: what revisions record as their author.</summary>
    protected virtual string EditorKeyName => "editor test key";

    /// <summary>Starts what the service will talk to (a cache to purge) before it, so settings can name it.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="BeforeStartAsync"/> started, once the service has stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    /// <summary>Configuration the service starts with (limits, timeouts, the content API's key requirement).</summary>
    protected virtual void ConfigureSettings(Dictionary<string, string?> settings)
    {
    }

    /// <summary>Writes to the database file before the service first opens it.</summary>
    protected virtual Task PrepareDatabaseAsync(string path) => Task.CompletedTask;

    /// <summary>What the class's tests share (their content, further clients, ids to look up), made once the
    /// service is up.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    [OneTimeSetUp]
    public Task StartServiceForClassAsync() => ServicePerTest ? Task.CompletedTask : StartAsync();

    [OneTimeTearDown]
    public async Task StopServiceForClassAsync()
    {
        if (!ServicePerTest) await StopAsync();
    }

    [SetUp]
    public Task StartServiceForTestAsync() => ServicePerTest ? StartAsync() : Task.CompletedTask;

    [TearDown]
    public async Task StopServiceForTestAsync()
    {
        var violations = _factory?.Services.GetService(typeof(ContractViolations)) is ContractViolations found ? found.TakeAll() : [];
        if (ServicePerTest) await StopAsync();
        Assert.That(violations, Is.Empty, "answers that break openapi/newsapi.v1.json (tests/NewsApi.Tests/Infrastructure/ContractValidation.cs)");
    }

    /// <summary>A client with a new key of <paramref name="role"/> (an author's bylined to <paramref name="authorSlug"/>),
    /// disposed with the service.</summary>
    protected async Task<HttpClient> ClientAsync(string role, string? authorSlug = null, string? name = null) =>
        ClientWith(await Keys.CreateAsync(Factory, role, authorSlug, name));

    /// <summary>A client that presents <paramref name="key"/> (none when null), disposed with the service.</summary>
    protected HttpClient ClientWith(string? key)
    {
        var client = Keys.ClientWith(Factory, key);
        _clients.Add(client);
        return client;
    }

    /// <summary>Stops the service as a deployment does and starts it again on the same database, its clock at
    /// <paramref name="clockStart"/>. <see cref="Public"/>, <see cref="Editor"/> and <see cref="Admin"/> then talk
    /// to the new one with the same keys; clients from <see cref="ClientAsync"/> and <see cref="ClientWith"/> are
    /// disposed with the old one.</summary>
    protected void Restart(DateTimeOffset clockStart)
    {
        DisposeClients();
        _factory = Factory.Restarted(new FakeTimeProvider(clockStart));
        BindClients();
    }

    private async Task StartAsync()
    {
        await BeforeStartAsync();
        var settings = new Dictionary<string, string?>();
        ConfigureSettings(settings);
        var clock = ClockStart is { } start ? new FakeTimeProvider(start) : null;
        _factory = new NewsApiFactory(StartWith.HasFlag(Contents.Demo), clock, settings);
        await PrepareDatabaseAsync(_factory.DbPath);
        _editorKey = await Keys.CreateAsync(_factory, Roles.Editor, name: EditorKeyName);
        _adminKey = await Keys.CreateAsync(_factory, Roles.Admin);
        BindClients();
        if (StartWith.HasFlag(Contents.Taxonomy)) await CommonTaxonomy.InsertAsync(_factory);
        await ArrangeAsync();
    }

    private void BindClients()
    {
        Public = Keys.ClientWith(Factory, null);
        Editor = Keys.ClientWith(Factory, _editorKey);
        Admin = Keys.ClientWith(Factory, _adminKey);
    }

    private void DisposeClients()
    {
        Public?.Dispose();
        Editor?.Dispose();
        Admin?.Dispose();
        foreach (var client in _clients) client.Dispose();
        _clients.Clear();
        // A disposed client still references its whole service; let that be collected.
        Public = Editor = Admin = null!;
    }

    private async Task StopAsync()
    {
        DisposeClients();
        _factory?.Dispose();
        _factory = null;
        await AfterStopAsync();
    }
}
