using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>WorkflowTests for what a transition records and what an article needs to be published.</summary>
public sealed partial class WorkflowTests
{
    [Test]
    public async Task Each_transition_saves_a_revision_by_the_editor()
    {
        var id = await ArticleInStateAsync("publish", "unpublish", "archive");
        var revisions = await (await Editor.GetAsync($"/v1/admin/articles/{id}/revisions")).JsonAsync();
        var items = revisions.GetProperty("items").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(items.Select(r => r.GetProperty("number").GetInt64()), Is.EqualTo(new long[] { 4, 3, 2, 1 }));
            Assert.That(items.Select(r => r.GetProperty("article").GetProperty("status").GetString()),
                Is.EqualTo(new[] { "archived", "draft", "published", "draft" }));
            Assert.That(items.Select(r => r.GetProperty("createdBy").GetString()), Is.All.EqualTo("editor test key"));
        }
    }

    [Test]
    public async Task Publish_body_may_be_an_empty_object_or_null_publishAt()
    {
        var first = await DraftAsync();
        var second = await DraftAsync();
        var a = await SendAtVersionAsync(Editor, HttpMethod.Post, $"/v1/admin/articles/{first}/publish", 1, new { });
        var b = await SendAtVersionAsync(Editor, HttpMethod.Post, $"/v1/admin/articles/{second}/publish", 1, new { publishAt = (DateTimeOffset?)null });
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.StatusCode, Is.EqualTo(HttpStatusCode.OK), await a.Content.ReadAsStringAsync());
            Assert.That(b.StatusCode, Is.EqualTo(HttpStatusCode.OK), await b.Content.ReadAsStringAsync());
            Assert.That((await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("published"));
        }
    }

    [Test]
    public async Task A_headline_alone_makes_a_draft_but_publishing_needs_a_body()
    {
        var draft = await CreateDraftAsync(Editor, new { headline = "ब्रेकिंग: संसद में हंगामा", section = "desh" });
        var id = draft.GetProperty("id").GetInt64();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(draft.GetProperty("body").GetProperty("html").GetString(), Is.Empty);
            Assert.That(draft.GetProperty("excerpt").GetString(), Is.Empty);
        }

        var refused = await TransitionAsync(Editor, id, "publish");
        var problem = await refused.AssertProblemAsync(409);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("body"));
        await (await TransitionAsync(Editor, id, "publish", new { publishAt = T0.AddHours(1) })).AssertProblemAsync(409);
        // Markup that sanitises to nothing is no body either.
        var scriptOnly = await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{id}", await VersionAsync(Editor, id),
            new { headline = "ब्रेकिंग: संसद में हंगामा", section = "desh", body = "<script>alert(1)</script>" });
        Assert.That(scriptOnly.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await (await TransitionAsync(Editor, id, "publish")).AssertProblemAsync(409);
        Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var written = await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{id}", await VersionAsync(Editor, id),
            new { headline = "ब्रेकिंग: संसद में हंगामा", section = "desh", body = "<p>लोकसभा की कार्यवाही दो बार स्थगित हुई।</p>" });
        Assert.That(written.StatusCode, Is.EqualTo(HttpStatusCode.OK), await written.Content.ReadAsStringAsync());
        await PublishAsync(Editor, id);

        // A published article cannot be emptied in place.
        var emptied = await SendAtVersionAsync(Editor, HttpMethod.Put, $"/v1/admin/articles/{id}", await VersionAsync(Editor, id),
            new { headline = "ब्रेकिंग: संसद में हंगामा", section = "desh" });
        var invalid = await emptied.AssertProblemAsync(400);
        Assert.That(invalid.GetProperty("errors").TryGetProperty("body", out _), Is.True, invalid.ToString());
        var served = await (await Public.GetAsync($"/v1/articles/{id}")).JsonAsync();
        Assert.That(served.GetProperty("body").GetProperty("html").GetString(), Does.Contain("स्थगित"));
    }

    [Test]
    public async Task A_photo_story_with_a_picture_and_no_words_may_be_published()
    {
        var draft = await CreateDraftAsync(Editor, new
        {
            headline = "तस्वीरों में: मानसून की पहली बारिश",
            section = "desh",
            body = "<figure><img src=\"https://example.in/barish.jpg\" alt=\"\"></figure>",
        });
        var published = await PublishAsync(Editor, draft.GetProperty("id").GetInt64());
        Assert.That(published.GetProperty("status").GetString(), Is.EqualTo("published"));
    }
}
