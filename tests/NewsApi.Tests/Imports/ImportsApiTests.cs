using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Access;
using NewsApi.Imports;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>POST /v1/admin/imports and GET /v1/admin/imports/{id}: admin only, 202 + Location, a job to follow, a size
/// limit, and a restart that marks a running import failed.</summary>
[TestFixture]
public sealed class ImportsApiTests : ApiTestBase
{
    protected override bool ServicePerTest => true;

    protected override Contents StartWith => Contents.None;

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["Imports:MaxBytes"] = "100000";

    [Test]
    public async Task An_admin_imports_over_HTTP_and_follows_the_job_to_its_counts()
    {
        var job = await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), job.ToString());
            Assert.That(job.GetProperty("processed").GetInt64(), Is.EqualTo(9));
            Assert.That(job.GetProperty("created").GetInt64(), Is.EqualTo(5));
            Assert.That(job.GetProperty("updated").GetInt64(), Is.Zero);
            Assert.That(job.GetProperty("skipped").GetInt64(), Is.EqualTo(4));
            Assert.That(job.GetProperty("errors").GetArrayLength(), Is.Zero);
            Assert.That(job.GetProperty("summary").GetProperty("sectionsCreated").GetInt32(), Is.EqualTo(5));
            Assert.That(job.GetProperty("summary").GetProperty("skippedReasons").GetProperty("trashed in WordPress").GetInt32(), Is.EqualTo(1));
            Assert.That(job.GetProperty("finishedAt").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(job.GetProperty("startedAt").GetDateTimeOffset()));
        }
        Assert.That(await Wxr.AllArticlesAsync(Editor), Has.Count.EqualTo(5));

        var again = await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture);
        Assert.That(again.GetProperty("created").GetInt64(), Is.Zero);
        Assert.That(again.GetProperty("skipped").GetInt64(), Is.EqualTo(9));
        Assert.That(await Wxr.AllArticlesAsync(Editor), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task A_dry_run_over_HTTP_writes_nothing()
    {
        var job = await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture, "?dryRun=true");
        Assert.That(job.GetProperty("dryRun").GetBoolean(), Is.True);
        Assert.That(job.GetProperty("created").GetInt64(), Is.EqualTo(5));
        Assert.That(await Wxr.AllArticlesAsync(Editor), Is.Empty);
    }

    [Test]
    public async Task Only_admins_may_import_others_get_403_and_no_key_401()
    {
        using var editor = await Editor.PostAsync("/v1/admin/imports", new StringContent(Wxr.Fixture, Encoding.UTF8, "application/xml"));
        await editor.AssertProblemAsync(403);
        using var anonymous = await Public.PostAsync("/v1/admin/imports", new StringContent(Wxr.Fixture, Encoding.UTF8, "application/xml"));
        await anonymous.AssertProblemAsync(401);
        using var partner = await (await ClientAsync(Roles.Partner)).GetAsync("/v1/admin/imports/1");
        await partner.AssertProblemAsync(403);
        Assert.That(await Wxr.AllArticlesAsync(Editor), Is.Empty);
    }

    [Test]
    public async Task An_export_past_the_size_limit_is_413_and_an_unknown_job_404()
    {
        var big = Wxr.Fixture.Replace("</channel>", new string(' ', 100_000) + "</channel>", StringComparison.Ordinal);
        using var response = await Admin.PostAsync("/v1/admin/imports", new StringContent(big, Encoding.UTF8, "application/xml"));
        await response.AssertProblemAsync(413);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/admin/imports")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        chunked.Content.Headers.ContentType = new("application/rss+xml");
        using var unknownLength = await Admin.SendAsync(chunked);
        await unknownLength.AssertProblemAsync(413);
        using var missing = await Admin.GetAsync("/v1/admin/imports/999");
        await missing.AssertProblemAsync(404);
    }

    [Test]
    public async Task An_import_a_restart_interrupts_is_marked_failed_and_can_be_run_again()
    {
        // A job row left running, as a process that stopped mid-import leaves it.
        var row = await Factory.Services.GetRequiredService<ImportRepository>().StartAsync(false, "admin test key", CancellationToken.None);
        Restart(DateTimeOffset.UtcNow);
        var job = await Wxr.FinishedAsync(Admin, $"/v1/admin/imports/{row.Id}");
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(job.GetProperty("errors")[0].GetString(), Does.Contain("Run the import again"));
        Assert.That((await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture)).GetProperty("status").GetString(), Is.EqualTo("succeeded"));
    }
}
