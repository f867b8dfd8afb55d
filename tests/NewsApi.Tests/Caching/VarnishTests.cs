using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Caching;

/// <summary>deploy/varnish/default.vcl in a real varnishd, in front of the service on a real 127.0.0.1 port, with
/// the service's purges going to it: Varnish serves a cached article until a write purges it, then the fresh one.
/// CI installs Varnish (.ci/run); there a missing varnishd fails these tests instead of skipping them.</summary>
[TestFixture]
public sealed class VarnishTests
{
    private NewsApiFactory _factory = null!;
    private VarnishProcess _varnish = null!;
    private HttpClient _reader = null!;
    private HttpClient _editor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var varnishd = VarnishProcess.Find();
        if (varnishd is null)
        {
            const string missing = "varnishd is not installed (apt-get install varnish varnish-modules)";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(missing);
            Assert.Inconclusive(missing);
        }
        var started = Stopwatch.StartNew();
        var port = VarnishProcess.FreePort();
        _factory = new NewsApiFactory(demoContent: false, settings: new()
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Cache:PurgeUrls:0"] = $"http://127.0.0.1:{port}/",
        });
        // Kestrel rather than the in-memory TestServer: Varnish needs a real port to fetch from.
        _factory.UseKestrel();
        _factory.StartServer();
        var service = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        await CommonTaxonomy.InsertAsync(_factory);
        var key = await Keys.CreateAsync(_factory, "editor");
        _varnish = await VarnishProcess.StartAsync(varnishd, port, service.Port);
        _reader = _varnish.Client();
        _editor = _varnish.Client(key); // writes go through Varnish too: keyed requests and non-GETs pass
        TestContext.Out.WriteLine($"service and varnishd up in {started.ElapsedMilliseconds} ms");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _reader?.Dispose();
        _editor?.Dispose();
        if (_varnish is not null) await _varnish.DisposeAsync();
        _factory?.Dispose();
    }

    [TearDown]
    public void ShowVarnishOutputOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
            TestContext.Out.WriteLine($"varnishd output:\n{_varnish.Output}");
    }

    [Test]
    public async Task Varnish_serves_a_cached_article_until_a_published_change_purges_it()
    {
        var (id, _) = await CreatedAsync(_editor, Article("पहला शीर्षक", "desh"));
        var url = $"/v1/articles/{id}";
        Assert.That((await _reader.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a draft");
        await PublishAsync(_editor, id);
        await PurgedAsync();
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("पहला शीर्षक", "MISS")), "a 404 is not kept: the story shows once published");
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("पहला शीर्षक", "HIT")));
        Assert.That(await HeadlineAsync("/v1/teasers", list: true), Is.EqualTo(("पहला शीर्षक", "MISS")));

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using (var cached = await _reader.GetAsync(url))
        {
            Assert.That(Header(cached, "X-Cache"), Is.EqualTo("HIT"));
            Assert.That(cached.Headers.Age, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), "served from Varnish's copy, not the service");
        }
        Assert.That(await HeadlineAsync("/v1/teasers", list: true), Is.EqualTo(("पहला शीर्षक", "HIT")));
        using (var keyed = await _editor.GetAsync(url))
            Assert.That(Header(keyed, "X-Cache"), Is.EqualTo("MISS"), "a request with a key is passed to the service");

        var edited = Stopwatch.StartNew();
        var patched = await PatchAsync(_editor, id, new { headline = "बदला हुआ शीर्षक" }, ETag(await VersionAsync(_editor, id)));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(patched));
        await PurgedAsync();
        TestContext.Out.WriteLine($"write → purge acknowledged by Varnish in {edited.ElapsedMilliseconds} ms");

        Assert.That(await HeadlineAsync(url), Is.EqualTo(("बदला हुआ शीर्षक", "MISS")), "the next read is fresh");
        Assert.That(await HeadlineAsync("/v1/teasers", list: true), Is.EqualTo(("बदला हुआ शीर्षक", "MISS")), "so are the lists showing it");
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("बदला हुआ शीर्षक", "HIT")), "and cached again");
    }

    [Test]
    public async Task An_article_with_twenty_long_Devanagari_tags_is_cached_and_purged()
    {
        // Its Surrogate-Key is ~18 KB (each Devanagari letter is 9 ASCII characters percent-encoded): past
        // Varnish's default http_resp_hdr_len (8 KB), hence the README's -p settings, which VarnishProcess uses.
        var tags = Enumerable.Range(1, 20).Select(i => new string('भ', 95) + DevanagariNumber(i)).ToArray();
        var (id, _) = await CreatedAsync(_editor, Article("लंबे टैग वाली खबर", "desh", tags));
        await PublishAsync(_editor, id);
        await PurgedAsync();
        var url = $"/v1/articles/{id}";
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("लंबे टैग वाली खबर", "MISS")));
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("लंबे टैग वाली खबर", "HIT")));

        var patched = await PatchAsync(_editor, id, new { headline = "लंबे टैग वाली नई खबर" }, ETag(await VersionAsync(_editor, id)));
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await BodyAsync(patched));
        await PurgedAsync(); // its keys do not fit one request header: Varnish accepted every part
        Assert.That(await HeadlineAsync(url), Is.EqualTo(("लंबे टैग वाली नई खबर", "MISS")));
    }

    /// <summary>The headline (of the first item, for a list) and X-Cache of a GET through Varnish.</summary>
    private async Task<(string Headline, string Cache)> HeadlineAsync(string url, bool list = false)
    {
        using var response = await _reader.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + await BodyAsync(response));
        var json = await response.JsonAsync();
        var item = list ? json.GetProperty("items")[0] : json;
        return (item.GetProperty("headline").GetString()!, Header(response, "X-Cache"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";

    /// <summary>Waits until Varnish has acknowledged every queued purge (the outbox deletes a row on its 2xx).</summary>
    private async Task PurgedAsync()
    {
        var db = _factory.Services.GetRequiredService<Db>();
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(10))
        {
            await using var connection = await db.OpenAsync();
            if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM purge_outbox") == 0) return;
            if (waited.Elapsed > TimeSpan.FromSeconds(10)) Assert.Fail("Varnish did not acknowledge the purge within 10 s.");
        }
    }
}
