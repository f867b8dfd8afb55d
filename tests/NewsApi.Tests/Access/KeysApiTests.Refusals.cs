using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>KeysApiTests for what is refused (unknown keys, callers without an admin key, invalid input), and lastUsedAt.</summary>
public sealed partial class KeysApiTests
{
    [Test]
    public async Task Reading_an_unknown_key_is_404()
    {
        using var response = await Admin.GetAsync("/v1/admin/keys/987654321");
        await response.AssertProblemAsync(404);
    }

    [Test]
    public async Task Reading_a_key_needs_an_admin_key()
    {
        var id = (await CreateAsync("reader")).GetProperty("id").GetInt64();
        using var editor = await Keys.ClientForRoleAsync(Factory, Roles.Editor);
        using var anonymous = Keys.ClientWith(Factory, null);
        using (Assert.EnterMultipleScope())
        {
            using var forbidden = await editor.GetAsync($"/v1/admin/keys/{id}");
            await forbidden.AssertProblemAsync(403);
            using var unauthenticated = await anonymous.GetAsync($"/v1/admin/keys/{id}");
            await unauthenticated.AssertProblemAsync(401);
        }
    }

    [Test]
    public async Task Deleting_an_unknown_key_is_404()
    {
        using var response = await Admin.DeleteAsync("/v1/admin/keys/987654321");
        await response.AssertProblemAsync(404);
    }

    [Test]
    public async Task Deleting_a_key_by_a_non_numeric_id_is_a_client_error()
    {
        using var response = await Admin.DeleteAsync("/v1/admin/keys/abc");
        await response.AssertProblemAsync(400);
    }

    [TestCase("Admin", "role")]
    [TestCase("superuser", "role")]
    [TestCase("", "role")]
    public async Task An_invalid_role_is_400_with_errors(string role, string field)
    {
        using var response = await PostKeyAsync(new { name = "x", role });
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task An_empty_name_and_a_bad_role_are_reported_together()
    {
        using var response = await PostKeyAsync(new { name = "   ", role = "boss" });
        var errors = (await response.AssertProblemAsync(400)).GetProperty("errors");
        Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "name", "role" }), errors.ToString());
    }

    [Test]
    public async Task A_missing_role_is_400_not_500()
    {
        using var response = await PostKeyAsync(new { name = "no role" });
        await response.AssertProblemAsync(400);
    }

    [Test]
    public async Task A_missing_body_is_400()
    {
        using var response = await Admin.PostAsync("/v1/admin/keys", JsonContent.Create<object?>(null));
        await response.AssertProblemAsync(400);
    }

    [Test]
    public async Task A_client_cannot_choose_its_own_key()
    {
        using var response = await PostKeyAsync(new { name = "chosen", role = "admin", key = "nk_chosenbymeaaaaaaaaaaaaaaaaaaaaaaaa" });
        await response.AssertProblemAsync(400);
        using var client = Keys.ClientWith(Factory, "nk_chosenbymeaaaaaaaaaaaaaaaaaaaaaaaa");
        using var probe = await client.GetAsync("/v1/admin/keys");
        await probe.AssertProblemAsync(401);
    }

    [Test]
    public async Task An_unknown_author_slug_is_400()
    {
        using var response = await PostKeyAsync(new { name = "ghost writer", role = "author", author = "nobody-here" });
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("author", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Using_a_key_records_lastUsedAt()
    {
        var created = await CreateAsync("reader");
        var id = created.GetProperty("id").GetInt64();
        Assert.That((await ListedAsync(id)).GetProperty("lastUsedAt").ValueKind, Is.EqualTo(JsonValueKind.Null), "never used yet");

        Clock.Advance(TimeSpan.FromMinutes(5));
        var firstUse = Clock.GetUtcNow();
        using var reader = Keys.ClientWith(Factory, created.GetProperty("key").GetString());
        using (var use = await reader.GetAsync("/v1/admin/articles"))
            await use.AssertProblemAsync(403); // authenticated, then refused: still a use of the key
        // Written in the background, once per flush interval (default a minute).
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await Keys.LastUsedAtEventuallyAsync(Admin, id, firstUse), Is.EqualTo(firstUse));

        Clock.Advance(TimeSpan.FromHours(2));
        var secondUse = Clock.GetUtcNow();
        using (var use = await reader.GetAsync("/v1/articles"))
            Assert.That(use.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await Keys.LastUsedAtEventuallyAsync(Admin, id, secondUse), Is.EqualTo(secondUse));
    }
}
