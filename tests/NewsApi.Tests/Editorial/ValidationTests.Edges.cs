using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>ValidationTests for the edges that must pass, the server-owned members that must never be set, and malformed bodies.</summary>
public sealed partial class ValidationTests
{
    [Test]
    public async Task Valid_edge_cases_are_accepted_and_stored_as_sent()
    {
        var input = FullArticle(Headline300);
        input["slug"] = "किम-ने-पुतिन-से-बात-की";
        input["language"] = "hi-IN";
        input["tags"] = Tags(20);
        input["image"] = new { url = "https://example.com/चित्र/फ़ोटो.jpg", alt = "चित्र", width = 1200, height = 800 };

        var response = await CreateAsync(Editor, input);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo(Headline300));
            Assert.That(article.GetProperty("slug").GetString(), Is.EqualTo("किम-ने-पुतिन-से-बात-की"));
            Assert.That(article.GetProperty("language").GetString(), Is.EqualTo("hi-IN"));
            Assert.That(article.GetProperty("tags").GetArrayLength(), Is.EqualTo(20));
            Assert.That(article.GetProperty("image").GetProperty("width").GetInt32(), Is.EqualTo(1200));
        }
    }

    [TestCase("a")]
    [TestCase("क")]
    [TestCase("ख़बर")]
    public async Task Short_headlines_are_accepted(string headline)
    {
        var response = await CreateAsync(Editor, FullArticle(headline));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_headline_of_301_code_units_that_is_300_once_NFC_is_accepted()
    {
        // "e" + U+0301 composes to "é": 301 characters as sent, 300 as stored.
        var headline = "e\u0301 " + new string('क', 298);

        var response = await CreateAsync(Editor, FullArticle(headline));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var stored = (await response.JsonAsync()).GetProperty("headline").GetString()!;
        Assert.That(stored, Has.Length.EqualTo(300));
    }

    [Test]
    public async Task Slug_of_exactly_120_characters_and_body_of_exactly_1_MB_are_accepted()
    {
        var input = FullArticle("सीमा पर मान्य मान");
        input["slug"] = new string('क', 120);
        input["body"] = Body(ArticleBodyLimit);

        var response = await CreateAsync(Editor, input);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That((await response.JsonAsync()).GetProperty("slug").GetString(), Is.EqualTo(new string('क', 120)));
    }

    [TestCase("status", "published")]
    [TestCase("id", 4242)]
    [TestCase("version", 99)]
    [TestCase("createdAt", "2020-01-01T00:00:00Z")]
    [TestCase("publishedAt", "2020-01-01T00:00:00Z")]
    [TestCase("updatedAt", "2020-01-01T00:00:00Z")]
    [TestCase("url", "https://evil.example/")]
    public async Task A_create_that_sets_a_server_owned_field_answers_400_and_creates_nothing(string member, object value)
    {
        var input = FullArticle("सर्वर के क्षेत्र नहीं बदलेंगे");
        input[member] = value;
        var before = await CountAdminArticlesAsync(Editor);

        var response = await CreateAsync(Editor, input);

        await response.AssertProblemAsync(400);
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [TestCase("status", "published")]
    [TestCase("id", 4242)]
    [TestCase("version", 99)]
    [TestCase("createdAt", "2020-01-01T00:00:00Z")]
    [TestCase("publishedAt", "2020-01-01T00:00:00Z")]
    public async Task Put_and_patch_that_set_a_server_owned_field_answer_400_and_change_nothing(string member, object value)
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("मसौदा ही रहेगा"));
        var put = FullArticle("मसौदा ही रहेगा, बदला हुआ");
        put[member] = value;
        var patch = new Dictionary<string, object?> { ["headline"] = "मसौदा ही रहेगा, पैच से", [member] = value };

        var putResponse = await PutAsync(Editor, id, put, etag);
        var patchResponse = await PatchAsync(Editor, id, patch, etag);

        await putResponse.AssertProblemAsync(400);
        await patchResponse.AssertProblemAsync(400);
        var (stored, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("मसौदा ही रहेगा"));
            Assert.That(stored.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(stored.GetProperty("publishedAt").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(current, Is.EqualTo("\"1\""));
        }
    }

    [Test]
    public async Task An_unknown_nested_member_is_refused_too()
    {
        var input = FullArticle("नेस्टेड अज्ञात सदस्य");
        input["image"] = new Dictionary<string, object?> { ["url"] = "https://example.com/a.jpg", ["owner"] = "admin" };
        var before = await CountAdminArticlesAsync(Editor);

        await (await CreateAsync(Editor, input)).AssertProblemAsync(400);
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [TestCase("{\"headline\": 5}")]
    [TestCase("{\"tags\": \"भारत\"}")]
    [TestCase("{\"headline\": \"अधूरा")]
    [TestCase("[]")]
    [TestCase("{\"headline\": \"\\ud800 अकेला सरोगेट\"}")]
    [TestCase("{\"tags\": [\"\\udc00\"]}")]
    [TestCase("{\"image\": {\"url\": \"https://example.com/a.jpg\", \"alt\": \"\\ud800\"}}")]
    public async Task Malformed_or_mistyped_bodies_answer_400_not_500(string json)
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("ग़लत प्रकार का शरीर"));

        var post = await SendAsync(Editor, HttpMethod.Post, ArticlesUrl, json);
        var put = await SendAsync(Editor, HttpMethod.Put, $"{ArticlesUrl}/{id}", json, etag);
        var patch = await PatchAsync(Editor, id, json, etag);

        await post.AssertProblemAsync(400);
        await put.AssertProblemAsync(400);
        await patch.AssertProblemAsync(400);
    }
}
