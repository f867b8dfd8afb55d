using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Webhooks;

/// <summary>/v1/admin/webhooks as an admin uses it: subscribe (the secret once), list and read without secrets,
/// PATCH with If-Match, rotate, delete; and every refusal as problem+json.</summary>
[TestFixture]
public sealed class WebhooksApiTests : WebhookTestBase
{
    protected override bool ServicePerTest => false;

    private static object Subscription(string url = "http://127.0.0.1:9/hook", string[]? events = null, string? description = "मोबाइल ऐप push") =>
        new { url, events = events ?? ["article.published", "article.deleted"], description };

    private async Task<JsonElement> CreateAsync(object? body = null)
    {
        using var response = await Admin.PostAsJsonAsync(WebhooksUrl, body ?? Subscription());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private Task<HttpResponseMessage> PatchWebhookAsync(long id, string json, string? ifMatch, string contentType = "application/merge-patch+json")
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{WebhooksUrl}/{id}") { Content = new StringContent(json, Encoding.UTF8, contentType) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Admin.SendAsync(request);
    }

    [Test]
    public async Task Subscribing_answers_the_secret_once_and_reading_never_shows_it()
    {
        using var response = await Admin.PostAsJsonAsync(WebhooksUrl, Subscription());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var created = await response.JsonAsync();
        var id = created.GetProperty("id").GetInt64();
        var secret = created.GetProperty("secret").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo($"{WebhooksUrl}/{id}"));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True, "no cache may keep a secret");
            Assert.That(secret, Does.StartWith("whsec_"));
            Assert.That(Convert.FromBase64String(secret["whsec_".Length..]), Has.Length.AtLeast(24));
            Assert.That(Strings(created.GetProperty("events")), Is.EqualTo(new[] { "article.published", "article.deleted" }));
            Assert.That(created.GetProperty("description").GetString(), Is.EqualTo("मोबाइल ऐप push"));
        }

        using var item = await Admin.GetAsync($"{WebhooksUrl}/{id}");
        using var list = await Admin.GetAsync(WebhooksUrl);
        var listed = (await list.JsonAsync()).GetProperty("items").EnumerateArray().Single(w => w.GetProperty("id").GetInt64() == id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ETagOf(item), Is.EqualTo("\"1\""), "version 1 (a GET adds a hash part If-Match does not need)");
            Assert.That(await item.Content.ReadAsStringAsync(), Does.Not.Contain(secret).And.Not.Contain("secret\""));
            Assert.That(listed.TryGetProperty("secret", out _), Is.False);
            Assert.That(listed.GetProperty("active").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task Listing_pages_with_a_cursor()
    {
        for (var i = 0; i < 3; i++) await CreateAsync();
        using var first = await Admin.GetAsync($"{WebhooksUrl}?limit=2");
        var page = await first.JsonAsync();
        var cursor = page.GetProperty("nextCursor").GetString();
        Assert.That(page.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
        Assert.That(cursor, Is.Not.Null);
        using var second = await Admin.GetAsync($"{WebhooksUrl}?limit=2&cursor={Uri.EscapeDataString(cursor!)}");
        var ids = (await second.JsonAsync()).GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetInt64());
        Assert.That(ids, Has.None.AnyOf(page.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetInt64()).Cast<object>().ToArray()));
        await (await Admin.GetAsync($"{WebhooksUrl}?limit=0")).AssertProblemAsync(400);
        await (await Admin.GetAsync($"{WebhooksUrl}?cursor=nonsense")).AssertProblemAsync(400);
    }

    [Test]
    public async Task Patch_needs_the_current_ETag_and_changes_only_what_it_names()
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        await (await PatchWebhookAsync(id, """{"active":false}""", null)).AssertProblemAsync(428);
        await (await PatchWebhookAsync(id, """{"active":false}""", "\"7\"")).AssertProblemAsync(412);

        using var paused = await PatchWebhookAsync(id, """{"active":false,"events":["*"],"description":null}""", "\"1\"");
        Assert.That(paused.StatusCode, Is.EqualTo(HttpStatusCode.OK), await paused.Content.ReadAsStringAsync());
        var body = await paused.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(paused.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That(body.GetProperty("active").GetBoolean(), Is.False);
            Assert.That(Strings(body.GetProperty("events")), Is.EqualTo(new[] { "*" }));
            Assert.That(body.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.GetProperty("url").GetString(), Is.EqualTo("http://127.0.0.1:9/hook"), "left out, left alone");
        }
        await (await PatchWebhookAsync(id, """{"active":true}""", "\"1\"")).AssertProblemAsync(412);
        using var ping = await Admin.PostAsync($"{WebhooksUrl}/{id}/ping", null);
        await ping.AssertProblemAsync(409);
    }

    [TestCase("""{"events":["article.created"]}""", "events[0]")]
    [TestCase("""{"events":[]}""", "events")]
    [TestCase("""{"events":["*","*"]}""", "events")]
    [TestCase("""{"url":"ftp://127.0.0.1/hook"}""", "url")]
    [TestCase("""{"url":null}""", "url")]
    [TestCase("""{"description":"बहुत लंबा"}""", null)]
    [TestCase("""[1,2]""", "body")]
    [TestCase("""{"active":"हाँ"}""", "body")]
    [TestCase("""{"url":"http://127.0.0.1/\ud800"}""", "body")]
    [TestCase("""not json""", "body")]
    public async Task A_bad_patch_is_a_400_naming_the_field_and_changes_nothing(string json, string? field)
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        using var response = await PatchWebhookAsync(id, json.Replace("बहुत लंबा", new string('क', 501)), "\"1\"");
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field ?? "description"));
        Assert.That((await WebhookAsync(id)).GetProperty("version").GetInt64(), Is.EqualTo(1));
    }

    [Test]
    public async Task Patch_takes_only_json()
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        await (await PatchWebhookAsync(id, "active=false", "\"1\"", "application/x-www-form-urlencoded")).AssertProblemAsync(415);
    }

    [TestCase("""{"url":"http://127.0.0.1/h","events":["article.published","article.removed"]}""", "events[1]")]
    [TestCase("""{"url":"http://127.0.0.1/h","events":[]}""", "events")]
    [TestCase("""{"url":"http://127.0.0.1/h"}""", "events")]
    [TestCase("""{"url":"/relative","events":["*"]}""", "url")]
    [TestCase("""{"url":"javascript:alert(1)","events":["*"]}""", "url")]
    [TestCase("""{"url":"http://user:pass@127.0.0.1/h","events":["*"]}""", "url")]
    [TestCase("""{"url":"","events":["*"]}""", "url")]
    [TestCase("""{"events":["*"]}""", "url")]
    [TestCase("""{"url":42,"events":["*"]}""", null)]
    public async Task A_bad_subscription_is_a_400_naming_the_field(string json, string? field)
    {
        using var response = await Admin.PostAsync(WebhooksUrl, new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await response.AssertProblemAsync(400);
        if (field is not null) Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field));
    }

    [Test]
    public async Task Rotating_gives_a_new_secret_and_says_how_long_the_old_one_signs()
    {
        var created = await CreateAsync();
        var id = created.GetProperty("id").GetInt64();
        using var response = await Admin.PostAsync($"{WebhooksUrl}/{id}/rotate-secret", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var rotated = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated.GetProperty("secret").GetString(), Does.StartWith("whsec_").And.Not.EqualTo(created.GetProperty("secret").GetString()));
            Assert.That(rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset() - Clock.GetUtcNow(), Is.EqualTo(TimeSpan.FromHours(24)).Within(TimeSpan.FromMinutes(1)));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        }
    }

    [Test]
    public async Task Deleting_takes_the_subscription_and_its_log()
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        using var deleted = await Admin.DeleteAsync($"{WebhooksUrl}/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Admin.GetAsync($"{WebhooksUrl}/{id}")).AssertProblemAsync(404);
        await (await Admin.DeleteAsync($"{WebhooksUrl}/{id}")).AssertProblemAsync(404);
        await (await Admin.GetAsync($"{WebhooksUrl}/{id}/deliveries")).AssertProblemAsync(404);
        await (await Admin.PostAsync($"{WebhooksUrl}/{id}/ping", null)).AssertProblemAsync(404);
        await (await Admin.PostAsync($"{WebhooksUrl}/{id}/rotate-secret", null)).AssertProblemAsync(404);
    }

    [Test]
    public async Task Redelivering_an_unknown_event_is_a_404()
    {
        var id = (await CreateAsync()).GetProperty("id").GetInt64();
        await (await Admin.PostAsync($"{WebhooksUrl}/{id}/deliveries/msg_nothing/redeliver", null)).AssertProblemAsync(404);
        await (await Admin.GetAsync($"{WebhooksUrl}/not-a-number")).AssertProblemAsync(400);
    }

    [Test]
    public async Task Only_admins_manage_webhooks()
    {
        var editor = await ClientAsync(Roles.Editor);
        var partner = await ClientAsync(Roles.Partner);
        await (await editor.GetAsync(WebhooksUrl)).AssertProblemAsync(403);
        await (await partner.PostAsJsonAsync(WebhooksUrl, Subscription())).AssertProblemAsync(403);
        await (await Public.GetAsync(WebhooksUrl)).AssertProblemAsync(401);
        await (await Public.PostAsJsonAsync(WebhooksUrl, Subscription())).AssertProblemAsync(401);
    }
}
