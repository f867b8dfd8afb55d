using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>An author key's article is bylined to its own author (co-authors may stand beside them); an author
/// cannot put a colleague's name alone on a story. Editors byline anyone.</summary>
[TestFixture]
public sealed class BylineTests : ApiTestBase
{
    private HttpClient _ravi = null!;

    protected override async Task ArrangeAsync() => _ravi = await ClientAsync("author", "ravi", name: "रवि वर्मा की कुंजी");

    [Test]
    public async Task An_author_cannot_byline_another_author_alone()
    {
        var before = await CountAdminArticlesAsync(Editor);
        var problem = await (await CreateAsync(_ravi, Article("सीता के नाम से ख़बर", authors: ["sita"]))).AssertProblemAsync(403);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("authors").And.Contain("'ravi'"));
            Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task An_author_may_byline_themself_with_a_co_author()
    {
        var draft = await CreateDraftAsync(_ravi, Article("साझा बाइलाइन", authors: ["ravi", "sita"]));
        Assert.That(Strings(draft.GetProperty("authors"), "slug"), Is.EqualTo(new[] { "ravi", "sita" }));
    }

    [Test]
    public async Task An_author_cannot_swap_their_own_draft_to_another_byline_and_keeps_editing_it()
    {
        var (id, etag) = await CreatedAsync(_ravi, ArticleWithoutAuthors("रवि का मसौदा"));
        await (await PatchAsync(_ravi, id, new { authors = new[] { "sita" } }, etag)).AssertProblemAsync(403);
        await (await PutAsync(_ravi, id, Article("रवि का मसौदा", authors: ["sita"]), etag)).AssertProblemAsync(403);

        using var edited = await PatchAsync(_ravi, id, new { headline = "रवि का सुधरा मसौदा" }, etag);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
        Assert.That(Strings((await edited.JsonAsync()).GetProperty("authors"), "slug"), Is.EqualTo(new[] { "ravi" }));
    }

    [Test]
    public async Task An_author_put_without_authors_keeps_their_own_byline()
    {
        var (id, etag) = await CreatedAsync(_ravi, ArticleWithoutAuthors("बिना लेखक का पुट"));
        using var put = await PutAsync(_ravi, id, ArticleWithoutAuthors("बिना लेखक का पुट, बदला"), etag);
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        Assert.That(Strings((await put.JsonAsync()).GetProperty("authors"), "slug"), Is.EqualTo(new[] { "ravi" }));
    }

    [Test]
    public async Task An_editor_bylines_anyone()
    {
        var draft = await CreateDraftAsync(Editor, Article("संपादक की बाइलाइन", authors: ["sita"]));
        Assert.That(Strings(draft.GetProperty("authors"), "slug"), Is.EqualTo(new[] { "sita" }));
    }
}
