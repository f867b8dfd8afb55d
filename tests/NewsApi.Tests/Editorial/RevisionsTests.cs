using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Every save is a revision: listed newest first with who saved it, readable one by one,
/// restorable (as a new revision, with If-Match), paged with a cursor.</summary>
[TestFixture]
public sealed class RevisionsTests : ApiTestBase
{
    private const string EditorName = "संपादक रीना";
    protected override string EditorKeyName => EditorName;

    private static readonly string[] Headlines = ["पहला संस्करण: बाढ़ की चेतावनी", "दूसरा संस्करण: बाढ़ का पानी बढ़ा", "तीसरा संस्करण: बाढ़ से राहत"];

    /// <summary>Create + two edits + publish: four saves. Returns the id and the current ETag.</summary>
    private async Task<(long Id, string ETag)> FourSavesAsync()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle(Headlines[0]));
        foreach (var headline in Headlines[1..])
        {
            var response = await PatchAsync(Editor, id, new { headline }, etag);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            etag = ETagOf(response);
        }
        return (id, await PublishWithETagAsync(Editor, id, etag));
    }

    private async Task<JsonElement> ListAsync(long id, string query = "")
    {
        var response = await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private Task<HttpResponseMessage> RestoreAsync(long id, long number, string? ifMatch) =>
        SendAsync(Editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/revisions/{number}/restore", null, ifMatch);

    [Test]
    public async Task Create_two_edits_and_publish_are_four_revisions_newest_first_by_the_key_name()
    {
        var (id, _) = await FourSavesAsync();

        var items = (await ListAsync(id)).GetProperty("items").EnumerateArray().ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(items.Select(r => r.GetProperty("number").GetInt64()), Is.EqualTo(new long[] { 4, 3, 2, 1 }));
            Assert.That(items.Select(r => r.GetProperty("createdBy").GetString()), Is.All.EqualTo(EditorName));
            Assert.That(items.Select(r => r.GetProperty("article").GetProperty("headline").GetString()),
                Is.EqualTo(new[] { Headlines[2], Headlines[2], Headlines[1], Headlines[0] }));
            Assert.That(items.Select(r => r.GetProperty("article").GetProperty("status").GetString()),
                Is.EqualTo(new[] { "published", "draft", "draft", "draft" }));
            Assert.That(items.Select(r => r.GetProperty("article").GetProperty("version").GetInt64()), Is.EqualTo(new long[] { 4, 3, 2, 1 }));
            Assert.That(items.Select(r => r.GetProperty("createdAt").GetDateTimeOffset()), Is.Ordered.Descending);
        }
    }

    [Test]
    public async Task One_revision_shows_the_article_as_it_was()
    {
        var (id, _) = await FourSavesAsync();

        var response = await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions/1");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var revision = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(revision.GetProperty("number").GetInt64(), Is.EqualTo(1));
            Assert.That(revision.GetProperty("createdBy").GetString(), Is.EqualTo(EditorName));
            Assert.That(revision.GetProperty("article").GetProperty("headline").GetString(), Is.EqualTo(Headlines[0]));
            Assert.That(revision.GetProperty("article").GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(revision.GetProperty("article").GetProperty("status").GetString(), Is.EqualTo("draft"));
        }
    }

    [Test]
    public async Task Restoring_revision_1_brings_back_its_headline_as_a_fifth_revision()
    {
        var (id, etag) = await FourSavesAsync();

        var response = await RestoreAsync(id, 1, etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var (article, current) = await GetAdminWithETagAsync(Editor, id);
        var items = (await ListAsync(id)).GetProperty("items").EnumerateArray().ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await response.JsonAsync()).GetProperty("headline").GetString(), Is.EqualTo(Headlines[0]));
            Assert.That(ETagOf(response), Is.EqualTo("\"5\""));
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo(Headlines[0]));
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"), "a restore changes content, not the workflow");
            Assert.That(article.GetProperty("version").GetInt64(), Is.EqualTo(5));
            Assert.That(current, Is.EqualTo("\"5\""));
            Assert.That(items, Has.Count.EqualTo(5));
            Assert.That(items[0].GetProperty("number").GetInt64(), Is.EqualTo(5));
            Assert.That(items[0].GetProperty("createdBy").GetString(), Is.EqualTo(EditorName));
            Assert.That(items[0].GetProperty("article").GetProperty("headline").GetString(), Is.EqualTo(Headlines[0]));
        }
        var publicArticle = await Keys.ClientWith(Factory, null).GetAsync($"/v1/articles/{id}");
        Assert.That((await publicArticle.JsonAsync()).GetProperty("headline").GetString(), Is.EqualTo(Headlines[0]));
    }

    [Test]
    public async Task Restoring_brings_back_every_content_field_and_keeps_custom_excerpt_and_old_slug()
    {
        var input = FullArticle("पूरा संस्करण लौटे", tags: ["भारत", "मौसम"]);
        input["slug"] = "पहला-रूप";
        input["excerpt"] = "संपादक का अपना सारांश";
        input["image"] = new { url = "https://example.com/a.jpg", alt = "चित्र" };
        var (id, etag) = await CreatedAsync(Editor, input);
        var original = await GetAdminAsync(Editor, id);
        var edit = await PatchAsync(Editor, id, new { slug = "दूसरा-रूप", excerpt = (string?)null, image = (object?)null, tags = new[] { "खेल" }, section = "khel", body = "<p>नया पाठ</p>" }, etag);
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edit.Content.ReadAsStringAsync());

        var restored = await RestoreAsync(id, 1, ETagOf(edit));

        Assert.That(restored.StatusCode, Is.EqualTo(HttpStatusCode.OK), await restored.Content.ReadAsStringAsync());
        var article = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            foreach (var field in new[] { "headline", "slug", "excerpt", "body", "section", "tags", "authors", "source", "image", "language", "dateline", "subheadline", "canonicalUrl", "url" })
                Assert.That(article.GetProperty(field).GetRawText(), Is.EqualTo(original.GetProperty(field).GetRawText()), field);
        }
        // Back on its first slug, the article still owns the second one (retired).
        var thief = FullArticle("दूसरा रूप चाहिए");
        thief["slug"] = "दूसरा-रूप";
        await (await CreateAsync(Editor, thief)).AssertProblemAsync(409);
    }

    [Test]
    public async Task Restore_without_If_Match_answers_428_and_with_a_stale_one_412()
    {
        var (id, etag) = await FourSavesAsync();

        await (await RestoreAsync(id, 1, null)).AssertProblemAsync(428);
        await (await RestoreAsync(id, 1, "\"3\"")).AssertProblemAsync(412);

        var (article, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo(Headlines[2]));
            Assert.That(current, Is.EqualTo(etag));
            Assert.That(await CountRevisionsAsync(Editor, id), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task Unknown_revisions_and_articles_answer_404()
    {
        var (id, etag) = await FourSavesAsync();

        await (await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions/5")).AssertProblemAsync(404);
        await (await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions/0")).AssertProblemAsync(404);
        await (await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions/-1")).AssertProblemAsync(404);
        await (await RestoreAsync(id, 99, etag)).AssertProblemAsync(404);
        await (await Editor.GetAsync($"{ArticlesUrl}/987654/revisions")).AssertProblemAsync(404);
        await (await Editor.GetAsync($"{ArticlesUrl}/987654/revisions/1")).AssertProblemAsync(404);
        await (await RestoreAsync(987_654, 1, "\"1\"")).AssertProblemAsync(404);
        Assert.That(await CountRevisionsAsync(Editor, id), Is.EqualTo(4), "a refused restore saves nothing");
    }

    [Test]
    public async Task A_revision_of_another_article_is_not_reachable_through_this_one()
    {
        var (first, _) = await CreatedAsync(Editor, FullArticle("पहले लेख का संशोधन"));
        var (second, secondETag) = await CreatedAsync(Editor, FullArticle("दूसरे लेख का संशोधन"));
        var edited = await PatchAsync(Editor, second, new { headline = "दूसरे लेख का बदला शीर्षक" }, secondETag);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await (await Editor.GetAsync($"{ArticlesUrl}/{first}/revisions/2")).AssertProblemAsync(404);
        var own = await (await Editor.GetAsync($"{ArticlesUrl}/{first}/revisions/1")).JsonAsync();
        Assert.That(own.GetProperty("article").GetProperty("headline").GetString(), Is.EqualTo("पहले लेख का संशोधन"));
    }

    [Test]
    public async Task Revisions_page_with_limit_and_cursor()
    {
        var (id, etag) = await FourSavesAsync();
        Assert.That((await RestoreAsync(id, 2, etag)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var numbers = new List<long>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var response = await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(2));
            numbers.AddRange(items.Select(r => r.GetProperty("number").GetInt64()));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
            if (cursor is not null)
                Assert.That(response.Headers.TryGetValues("Link", out var link) && link.Single().Contains("rel=\"next\"", StringComparison.Ordinal), Is.True);
            pages++;
        }
        while (cursor is not null && pages < 10);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(numbers, Is.EqualTo(new long[] { 5, 4, 3, 2, 1 }));
            Assert.That(pages, Is.EqualTo(3));
        }
    }

    [TestCase("?limit=0")]
    [TestCase("?limit=101")]
    [TestCase("?cursor=not-a-cursor")]
    public async Task Bad_paging_parameters_answer_400(string query)
    {
        var (id, _) = await CreatedAsync(Editor, FullArticle("ग़लत पेजिंग"));
        await (await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions{query}")).AssertProblemAsync(400);
    }

    [Test]
    public async Task Revisions_name_each_key_that_saved_and_need_a_newsroom_key()
    {
        var author = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "author", "sita", name: "लेखिका सीता"));
        var (id, etag) = await CreatedAsync(author, FullArticle("लेखिका का मसौदा").With("authors", new[] { "sita" }));
        var edited = await PatchAsync(Editor, id, new { headline = "संपादक ने सुधारा" }, etag);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var items = (await ListAsync(id)).GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(r => r.GetProperty("createdBy").GetString()), Is.EqualTo(new[] { EditorName, "लेखिका सीता" }));

        var reader = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "reader"));
        await (await reader.GetAsync($"{ArticlesUrl}/{id}/revisions")).AssertProblemAsync(403);
        await (await Keys.ClientWith(Factory, null).GetAsync($"{ArticlesUrl}/{id}/revisions/1")).AssertProblemAsync(401);
    }
}
