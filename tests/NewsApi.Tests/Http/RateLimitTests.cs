using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>Each key (each address, without one) has its own bucket; past it, 429 problem+json with Retry-After.</summary>
[TestFixture]
public sealed class RateLimitTests : ApiTestBase
{
    private const int Permits = 5;

    // No test taxonomy: its writes would spend the editor's few permits.
    protected override Contents StartWith => Contents.Demo;

    protected override void ConfigureSettings(Dictionary<string, string?> settings)
    {
        settings["RateLimiting:PermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["RateLimiting:AdminPermitsPerMinute"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Past_the_limit_a_client_gets_429_with_retry_after_and_another_key_is_unaffected()
    {
        using var anonymous = Factory.CreateClient();
        using var reader = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "reader"));
        // The same path every time: answers from memory count as much as built ones.
        for (var i = 0; i < Permits; i++)
            Assert.That((await anonymous.GetAsync("/v1/teasers")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");

        using var refused = await anonymous.GetAsync("/v1/teasers");
        var problem = await refused.AssertProblemAsync(429);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("send again after"));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(refused.Headers.CacheControl?.NoStore, Is.True, "a shared cache never hands it to another client");
        }

        for (var i = 0; i < Permits; i++)
            Assert.That((await reader.GetAsync("/v1/teasers")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the reader key has its own bucket");
    }

    [Test]
    public async Task Behind_a_local_proxy_each_client_address_has_its_own_bucket()
    {
        // As Varnish on this host would connect: from loopback, naming the client in X-Forwarded-For.
        using var proxied = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromLoopback>()));
        using var client = proxied.CreateClient();
        async Task<HttpStatusCode> GetAs(string address)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/sections");
            request.Headers.Add("X-Forwarded-For", address);
            return (await client.SendAsync(request)).StatusCode;
        }
        for (var i = 0; i < Permits; i++) Assert.That(await GetAs("203.0.113.7"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await GetAs("203.0.113.7"), Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await GetAs("198.51.100.4"), Is.EqualTo(HttpStatusCode.OK), "another reader behind the same proxy");
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [Test]
    public async Task The_editorial_api_has_its_own_limit_per_key()
    {
        using var editor = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "editor"));
        using var other = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "editor"));
        for (var i = 0; i < Permits; i++)
            Assert.That((await editor.GetAsync("/v1/admin/articles?limit=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await (await editor.GetAsync("/v1/admin/articles?limit=1")).AssertProblemAsync(429);
        Assert.That((await other.GetAsync("/v1/admin/articles?limit=1")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
