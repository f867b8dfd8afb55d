using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using NewsApi.Tests.Infrastructure;
using NewsApi.Webhooks;

namespace NewsApi.Tests.Webhooks;

/// <summary>The SSRF guard without <c>Webhooks:AllowPrivateTargets</c>: no subscription to an address inside the
/// publisher's network or the cloud's metadata service, whether written as an IP (v4, v6, v4 inside v6) or as a
/// name that resolves there; and no connection to one at delivery either, whatever the name resolved to before.</summary>
[TestFixture]
public sealed class WebhookSsrfTests : ApiTestBase
{
    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["Webhooks:AllowPrivateTargets"] = "false";

    [TestCase("http://127.0.0.1/hook", "loopback")]
    [TestCase("http://127.1.2.3:8080/hook", "loopback")]
    [TestCase("http://10.0.0.1/hook", "private")]
    [TestCase("http://172.16.0.1/hook", "private")]
    [TestCase("http://172.31.255.255/hook", "private")]
    [TestCase("http://192.168.1.1/hook", "private")]
    [TestCase("http://169.254.169.254/latest/meta-data/", "link-local")]
    [TestCase("http://100.64.0.1/hook", "carrier-grade NAT")]
    [TestCase("http://0.0.0.0/hook", "unspecified")]
    [TestCase("http://255.255.255.255/hook", "broadcast")]
    [TestCase("http://224.0.0.1/hook", "multicast")]
    [TestCase("http://168.63.129.16/hook", "metadata")]
    [TestCase("http://[::1]/hook", "loopback")]
    [TestCase("http://[::]/hook", "unspecified")]
    [TestCase("http://[fc00::1]/hook", "unique-local")]
    [TestCase("http://[fd00:ec2::254]/hook", "unique-local")]
    [TestCase("http://[fe80::1]/hook", "link-local")]
    [TestCase("http://[ff02::1]/hook", "multicast")]
    [TestCase("http://[::ffff:127.0.0.1]/hook", "loopback")]
    [TestCase("http://[::ffff:169.254.169.254]/hook", "link-local")]
    [TestCase("http://[64:ff9b::a00:1]/hook", "private")]
    [TestCase("http://[2002:c0a8:101::1]/hook", "private")]
    [TestCase("http://localhost:8080/hook", "loopback")]
    [TestCase("http://2130706433/hook", "loopback")]
    [TestCase("http://0x7f000001/hook", "loopback")]
    public async Task A_subscription_to_a_non_public_address_is_refused_with_the_reason(string url, string reason)
    {
        using var response = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url, events = new[] { "*" } });
        var problem = await response.AssertProblemAsync(400);
        var message = string.Join(" ", problem.GetProperty("errors").GetProperty("url").EnumerateArray().Select(e => e.GetString()));
        Assert.That(message, Does.Contain(reason));
    }

    [Test]
    public async Task A_public_address_is_accepted()
    {
        // Never contacted: no article is published in this class, so nothing is delivered.
        using var response = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "https://93.184.215.14/hooks/newsapi", events = new[] { "article.published" } });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        using var deleted = await Admin.DeleteAsync(response.Headers.Location);
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    /// <summary>Names resolve through this instead of DNS: <c>public.test</c> somewhere public, <c>inside.test</c>
    /// to a private and a public address, <c>rebind.test</c> somewhere public the first time and to loopback after.</summary>
    private sealed class FakeResolver : IHostResolver
    {
        private int _rebinds;

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Task.FromResult(host switch
        {
            "public.test" => new[] { IPAddress.Parse("93.184.215.14") },
            "inside.test" => [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.1.2.3")],
            "rebind.test" => [Interlocked.Increment(ref _rebinds) == 1 ? IPAddress.Parse("93.184.215.14") : IPAddress.Loopback],
            _ => throw new SocketException((int)SocketError.HostNotFound),
        });
    }

    private static WebhookTargets Targets(bool allowPrivate = false) =>
        new(new FakeResolver(), Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }));

    [Test]
    public async Task A_name_is_judged_by_every_address_it_resolves_to()
    {
        var targets = Targets();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await targets.CheckAsync("https://public.test/hook", CancellationToken.None), Is.Null);
            Assert.That(await targets.CheckAsync("https://inside.test/hook", CancellationToken.None), Does.Contain("private"));
            Assert.That(await targets.CheckAsync("https://nowhere.test/hook", CancellationToken.None), Does.Contain("does not resolve"));
            Assert.That(await Targets(allowPrivate: true).CheckAsync("http://user:pw@public.test/", CancellationToken.None), Does.Contain("user info"),
                "AllowPrivateTargets lifts the address rules, not the URL rules");
        }
    }

    [Test]
    public async Task A_name_that_resolves_to_loopback_at_delivery_time_is_not_connected_to()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var targets = Targets();
        Assert.That(await targets.CheckAsync($"http://rebind.test:{port}/hook", CancellationToken.None), Is.Null, "public when subscribed");

        using var handler = new SocketsHttpHandler { ConnectCallback = targets.ConnectAsync, UseProxy = false };
        using var client = new HttpClient(handler);
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://rebind.test:{port}/hook"));
        Assert.That(refused!.InnerException, Is.TypeOf<WebhookTargetRefusedException>());
        Assert.That(refused.InnerException!.Message, Does.Contain("loopback"));
        Assert.That(listener.Pending(), Is.False, "no connection reached the loopback listener");
    }

    [Test]
    public async Task The_dispatcher_s_own_client_does_not_connect_to_a_name_that_resolves_to_loopback()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        // The client the dispatcher delivers with, as configured (ConnectCallback, no proxy, no redirects).
        using var client = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<IHttpClientFactory>(Factory.Services).CreateClient(WebhookDispatcher.HttpClientName);
        // Bounded: were the guard missing, the listener would accept and never answer.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync($"http://localhost:{port}/hook", new StringContent("{}"), timeout.Token));
        Assert.That(refused!.InnerException, Is.TypeOf<WebhookTargetRefusedException>());
        await Task.Delay(100);
        Assert.That(listener.Pending(), Is.False, "no connection reached the listener");
    }

    [TestCase("8.8.8.8", null)]
    [TestCase("2606:4700:4700::1111", null)]
    [TestCase("::ffff:8.8.8.8", null)]
    [TestCase("64:ff9b::808:808", null)]
    [TestCase("198.18.0.1", "benchmarking")]
    [TestCase("192.0.2.10", "documentation")]
    [TestCase("2001:db8::1", "documentation")]
    [TestCase("::ffff:10.0.0.1", "private")]
    [TestCase("fec0::1", "site-local")]
    [TestCase("64:ff9b:1::a00:1", "NAT64")]
    [TestCase("192.88.99.1", "6to4 relay")]
    public void Addresses_are_classified_as_public_or_not(string address, string? reason)
    {
        var refusal = WebhookTargets.Refusal(IPAddress.Parse(address));
        if (reason is null) Assert.That(refusal, Is.Null);
        else Assert.That(refusal, Does.Contain(reason));
    }
}
