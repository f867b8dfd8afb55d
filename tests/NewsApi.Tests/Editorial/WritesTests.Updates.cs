using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>WritesTests for changing and deleting an article (merge patch, PUT, DELETE), refused writes that
/// leave nothing behind, and who may write.</summary>
public sealed partial class WritesTests
{
    [Test]
    public async Task Merge_patch_removes_with_null_keeps_what_is_not_sent_and_merges_nested_objects()
    {
        var input = FullArticle("मर्ज पैच की ख़बर", tags: ["भारत", "राजनीति"]);
        input["image"] = new { url = "https://example.com/photo.jpg", alt = "पुराना विवरण", caption = "कैप्शन", credit = "पीटीआई", width = 1200, height = 800 };
        input["excerpt"] = "संपादक का सारांश";
        input["canonicalUrl"] = "https://example.com/original";
        var (id, etag) = await CreatedAsync(Editor, input);
        var before = await GetAdminAsync(Editor, id);

        var patched = await PatchAsync(Editor, id, """{ "subheadline": null, "image": { "alt": "नया विवरण", "credit": null } }""", etag);

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var (after, afterETag) = await GetAdminWithETagAsync(Editor, id);
        var image = after.GetProperty("image");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("subheadline").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(image.GetProperty("alt").GetString(), Is.EqualTo("नया विवरण"));
            Assert.That(image.GetProperty("credit").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(image.GetProperty("url").GetString(), Is.EqualTo("https://example.com/photo.jpg"));
            Assert.That(image.GetProperty("caption").GetString(), Is.EqualTo("कैप्शन"));
            Assert.That(image.GetProperty("width").GetInt32(), Is.EqualTo(1200));
            Assert.That(afterETag, Is.EqualTo("\"2\""));
            foreach (var unchanged in new[] { "headline", "slug", "excerpt", "body", "dateline", "section", "tags", "authors", "source", "language", "canonicalUrl", "syndication", "status", "createdAt" })
                Assert.That(after.GetProperty(unchanged).GetRawText(), Is.EqualTo(before.GetProperty(unchanged).GetRawText()), unchanged);
        }

        var second = await PatchAsync(Editor, id, """{ "image": null, "tags": ["खेल"] }""", afterETag);
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        var final = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(final.GetProperty("image").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Strings(final.GetProperty("tags"), "slug"), Is.EqualTo(new[] { "खेल" }), "arrays are replaced, not merged");
            Assert.That(final.GetProperty("excerpt").GetString(), Is.EqualTo("संपादक का सारांश"));
            Assert.That(final.GetProperty("canonicalUrl").GetString(), Is.EqualTo("https://example.com/original"));
        }
    }

    [Test]
    public async Task Merge_patch_members_match_as_case_insensitively_as_the_rest_of_the_API()
    {
        // POST and PUT bind "Subheadline" to subheadline (JsonSerializerDefaults.Web); a merge patch must too.
        var input = FullArticle("बड़े अक्षरों वाला पैच");
        input["image"] = new { url = "https://example.com/photo.jpg", alt = "पुराना विवरण" };
        var (id, etag) = await CreatedAsync(Editor, input);

        var patched = await PatchAsync(Editor, id, """{ "Subheadline": null, "Image": { "Alt": "नया विवरण" }, "HEADLINE": "बड़े अक्षरों वाला पैच, बदला" }""", etag);

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var after = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("subheadline").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(after.GetProperty("image").GetProperty("alt").GetString(), Is.EqualTo("नया विवरण"));
            Assert.That(after.GetProperty("image").GetProperty("url").GetString(), Is.EqualTo("https://example.com/photo.jpg"));
            Assert.That(after.GetProperty("headline").GetString(), Is.EqualTo("बड़े अक्षरों वाला पैच, बदला"));
        }
    }

    [Test]
    public async Task Merge_patch_of_the_body_rederives_an_excerpt_that_was_not_set()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("सारांश अपने-आप बनता है"));

        var patched = await PatchAsync(Editor, id, new { body = "<p>बिल्कुल नया पाठ।</p>" }, etag);

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        Assert.That((await patched.JsonAsync()).GetProperty("excerpt").GetString(), Is.EqualTo("बिल्कुल नया पाठ।"));
    }

    [Test]
    public async Task Put_replaces_the_whole_article_and_omitted_optional_fields_are_cleared()
    {
        var input = FullArticle("पूरा बदलने वाली ख़बर");
        input["image"] = new { url = "https://example.com/a.jpg" };
        var (id, etag) = await CreatedAsync(Editor, input);
        var replacement = FullArticle("पूरी तरह बदली ख़बर", section: "khel", tags: ["क्रिकेट"]);
        replacement.Remove("subheadline");
        replacement.Remove("source");

        var response = await PutAsync(Editor, id, replacement, etag);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var (article, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo("पूरी तरह बदली ख़बर"));
            Assert.That(article.GetProperty("slug").GetString(), Is.EqualTo("पूरा-बदलने-वाली-ख़बर"), "a PUT without slug keeps the slug");
            Assert.That(article.GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("khel"));
            Assert.That(article.GetProperty("subheadline").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(article.GetProperty("source").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(article.GetProperty("image").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Strings(article.GetProperty("tags"), "slug"), Is.EqualTo(new[] { "क्रिकेट" }));
            Assert.That(current, Is.EqualTo("\"2\""));
        }
    }

    [Test]
    public async Task Delete_answers_204_and_the_article_is_gone_everywhere()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("हटाई जाने वाली ख़बर"));
        etag = await PublishWithETagAsync(Editor, id, etag);
        Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var deleted = await DeleteAsync(Editor, id, etag);

        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Editor.GetAsync($"{ArticlesUrl}/{id}")).AssertProblemAsync(404);
        await (await Public.GetAsync($"/v1/articles/{id}")).AssertProblemAsync(404);
        await (await PublicSlugAsync("हटाई-जाने-वाली-ख़बर")).AssertProblemAsync(404);
        await (await Editor.GetAsync($"{ArticlesUrl}/{id}/revisions")).AssertProblemAsync(404);
        await (await DeleteAsync(Editor, id, etag)).AssertProblemAsync(404);
        await (await PatchAsync(Editor, id, new { headline = "फिर से" }, etag)).AssertProblemAsync(404);
    }

    [Test]
    public async Task A_put_refused_for_a_taken_slug_leaves_article_tags_and_revisions_unchanged()
    {
        var owner = FullArticle("स्लग का असली मालिक");
        owner["slug"] = "असली-मालिक";
        await CreatedAsync(Editor, owner);
        var (id, etag) = await CreatedAsync(Editor, FullArticle("अपरिवर्तित रहने वाली ख़बर", tags: ["भारत"]));
        var before = await GetAdminAsync(Editor, id);
        var revisionsBefore = await CountRevisionsAsync(Editor, id);
        var attempt = FullArticle("यह शीर्षक नहीं बचना चाहिए", tags: ["भारत", "कभी न बनने वाला टैग"]);
        attempt["slug"] = "असली-मालिक";

        var response = await PutAsync(Editor, id, attempt, etag);

        await response.AssertProblemAsync(409);
        var (after, afterETag) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetRawText(), Is.EqualTo(before.GetRawText()));
            Assert.That(afterETag, Is.EqualTo(etag));
            Assert.That(await CountRevisionsAsync(Editor, id), Is.EqualTo(revisionsBefore));
            Assert.That((await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("कभी-न-बनने-वाला-टैग"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await (await Public.GetAsync("/v1/tags?q=" + Uri.EscapeDataString("कभी"))).JsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
        }
    }

    [Test]
    public async Task A_patch_or_create_refused_for_a_taken_slug_leaves_nothing_behind()
    {
        var owner = FullArticle("दूसरे स्लग का मालिक");
        owner["slug"] = "दूसरा-मालिक";
        await CreatedAsync(Editor, owner);
        var (id, etag) = await CreatedAsync(Editor, FullArticle("पैच से न बदलने वाली ख़बर"));
        var before = await GetAdminAsync(Editor, id);
        var articlesBefore = await CountAdminArticlesAsync(Editor);

        var patch = await PatchAsync(Editor, id, new { slug = "दूसरा-मालिक", headline = "नहीं बचेगा", tags = new[] { "पैच का नया टैग" } }, etag);
        var create = FullArticle("बनना नहीं चाहिए", tags: ["सृजन का नया टैग"]);
        create["slug"] = "दूसरा-मालिक";
        var created = await CreateAsync(Editor, create);

        await patch.AssertProblemAsync(409);
        await created.AssertProblemAsync(409);
        var after = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetRawText(), Is.EqualTo(before.GetRawText()));
            Assert.That(await CountRevisionsAsync(Editor, id), Is.EqualTo(1));
            Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(articlesBefore));
            Assert.That((await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("पैच-का-नया-टैग"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("सृजन-का-नया-टैग"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Writes_need_a_newsroom_key()
    {
        var anonymous = await CreateAsync(Public, FullArticle("बिना चाबी"));
        var reader = await CreateAsync(Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "reader")), FullArticle("पाठक की चाबी"));

        var unauthorized = await anonymous.AssertProblemAsync(401);
        await reader.AssertProblemAsync(403);
        Assert.That(anonymous.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"newsapi\""));
        Assert.That(unauthorized.GetProperty("status").GetInt32(), Is.EqualTo(401));
    }
}
