using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Who may mint a preview token (as who may edit: an author only for their own drafts), and how long it
/// lives: no longer than the key that minted it.</summary>
[TestFixture]
public sealed class PreviewScopeTests : ApiTestBase
{
    private static async Task<HttpResponseMessage> MintAsync(HttpClient client, long id) =>
        await client.PostAsync($"/v1/admin/articles/{id}/preview-token", null);

    private static async Task<string> TokenAsync(HttpClient client, long id)
    {
        using var response = await MintAsync(client, id);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("token").GetString()!;
    }

    [Test]
    public async Task An_author_cannot_mint_a_token_for_another_authors_draft()
    {
        var ravi = await ClientAsync("author", "ravi", name: "रवि की कुंजी");
        var sita = await ClientAsync("author", "sita", name: "सीता की कुंजी");
        var sitasDraft = (await CreateDraftAsync(sita, ArticleWithoutAuthors("सीता का गुप्त मसौदा"))).GetProperty("id").GetInt64();

        var refused = await (await MintAsync(ravi, sitasDraft)).AssertProblemAsync(403);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("own drafts"));
        // Her own key and an editor's may.
        Assert.That((await Public.GetAsync("/v1/preview/" + await TokenAsync(sita, sitasDraft))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Public.GetAsync("/v1/preview/" + await TokenAsync(Editor, sitasDraft))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_author_cannot_mint_a_token_for_an_editors_draft()
    {
        var ravi = await ClientAsync("author", "ravi", name: "रवि की दूसरी कुंजी");
        var editorsDraft = (await CreateDraftAsync(Editor, Article("संपादक का गुप्त मसौदा"))).GetProperty("id").GetInt64();
        await (await MintAsync(ravi, editorsDraft)).AssertProblemAsync(403);
    }

    [TestCase("editor", null)]
    [TestCase("author", "ravi")]
    public async Task A_token_stops_working_when_its_key_is_revoked(string role, string? author)
    {
        var name = Unique("पूर्वावलोकन कुंजी " + role);
        var client = await ClientAsync(role, author, name);
        var draft = (await CreateDraftAsync(client, ArticleWithoutAuthors("रद्द कुंजी का मसौदा " + role))).GetProperty("id").GetInt64();
        var token = await TokenAsync(client, draft);
        var otherToken = await TokenAsync(Editor, draft);
        Assert.That((await Public.GetAsync("/v1/preview/" + token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using (var revoke = await Admin.DeleteAsync($"/v1/admin/keys/{await Keys.IdAsync(Admin, name)}"))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await revoke.Content.ReadAsStringAsync());

        var gone = await (await Public.GetAsync("/v1/preview/" + token)).AssertProblemAsync(410);
        Assert.That(gone.GetProperty("detail").GetString(), Does.Contain("revoked"));
        // A token minted by a key still active is untouched.
        Assert.That((await Public.GetAsync("/v1/preview/" + otherToken)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
