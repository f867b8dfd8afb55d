using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>The last active admin key cannot be revoked (nobody could manage keys over HTTP after it), and a
/// request with a bad key writes no information-level log lines (a free way to flood the log otherwise).</summary>
[TestFixture]
public sealed class LastAdminKeyTests : ApiTestBase
{
    protected override bool ServicePerTest => true;

    private static async Task<long> IdOfAsync(HttpClient admin, string prefixOf)
    {
        var listed = await Keys.ListedAsync(admin);
        return listed.Single(k => prefixOf.StartsWith(k.GetProperty("prefix").GetString()!, StringComparison.Ordinal)).GetProperty("id").GetInt64();
    }

    [Test]
    public async Task The_last_admin_key_is_refused_with_409_until_there_is_another()
    {
        var admins = (await Keys.ListedAsync(Admin)).Where(k => k.GetProperty("role").GetString() == Roles.Admin).ToList();
        Assert.That(admins, Has.Count.EqualTo(1), "test setup: the service starts with one admin key");
        var only = admins[0].GetProperty("id").GetInt64();

        var refused = await (await Admin.DeleteAsync($"/v1/admin/keys/{only}")).AssertProblemAsync(409);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("last active admin key"));

        var second = await Keys.CreateAsync(Factory, Roles.Admin, name: "second admin");
        using (var revoked = await Admin.DeleteAsync($"/v1/admin/keys/{only}")) Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var client = ClientWith(second);
        await (await client.DeleteAsync($"/v1/admin/keys/{await IdOfAsync(client, second)}")).AssertProblemAsync(409);
    }

    [Test]
    public void A_bad_key_is_not_logged_at_information_level()
    {
        var logger = Factory.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyAuthenticationHandler).FullName!);
        Assert.That(logger.IsEnabled(LogLevel.Information), Is.False);
        Assert.That(logger.IsEnabled(LogLevel.Warning), Is.True);
    }
}
