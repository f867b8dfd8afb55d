using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>image.url, canonicalUrl and a source's url are stored as parsed and serialised again (percent-encoded,
/// ASCII host), never as sent; control and bidi characters are refused with the field named.</summary>
[TestFixture]
public sealed class StoredUrlTests : ApiTestBase
{
    private static Dictionary<string, object?> WithUrls(string headline, string imageUrl, string canonicalUrl) =>
        FullArticle(headline).With("image", new { url = imageUrl, alt = "चित्र" }).With("canonicalUrl", canonicalUrl);

    [Test]
    public async Task Markup_in_a_url_is_percent_encoded_in_every_answer()
    {
        var input = WithUrls("यूआरएल में मार्कअप", "https://example.com/a.jpg\"><script>alert(1)</script>",
            "https://example.com/story?q=\"<img src=x onerror=alert(1)>");
        var (id, _) = await CreatedAsync(Editor, input);
        await PublishAsync(Editor, id);
        foreach (var url in new[] { $"{ArticlesUrl}/{id}", $"/v1/articles/{id}" })
        {
            var raw = await (await Editor.GetAsync(url)).Content.ReadAsStringAsync();
            var article = JsonDocument.Parse(raw).RootElement;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(article.GetProperty("image").GetProperty("url").GetString(),
                    Is.EqualTo("https://example.com/a.jpg%22%3E%3Cscript%3Ealert(1)%3C/script%3E"), url);
                Assert.That(article.GetProperty("canonicalUrl").GetString(),
                    Is.EqualTo("https://example.com/story?q=%22%3Cimg%20src=x%20onerror=alert(1)%3E"), url);
                Assert.That(raw, Does.Not.Contain("<script>").And.Not.Contain("\\u003Cscript"), url);
            }
        }
    }

    [Test]
    public async Task Devanagari_paths_are_percent_encoded_and_idn_hosts_punycode()
    {
        var input = WithUrls("देवनागरी पते", "https://example.com/चित्र/फ़ोटो.jpg", "https://उदाहरण.भारत/ख़बर?खंड=देश");
        var article = await CreateDraftAsync(Editor, input);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("image").GetProperty("url").GetString(), Is.EqualTo(
                "https://example.com/%E0%A4%9A%E0%A4%BF%E0%A4%A4%E0%A5%8D%E0%A4%B0/%E0%A4%AB%E0%A4%BC%E0%A5%8B%E0%A4%9F%E0%A5%8B.jpg"));
            Assert.That(article.GetProperty("canonicalUrl").GetString(), Is.EqualTo(
                "https://xn--p1b6ci4b4b3a.xn--h2brj9c/%E0%A4%96%E0%A4%BC%E0%A4%AC%E0%A4%B0?%E0%A4%96%E0%A4%82%E0%A4%A1=%E0%A4%A6%E0%A5%87%E0%A4%B6"));
        }
    }

    [TestCase("https://example.com/a\nb.jpg", "U+000A")]
    [TestCase("https://example.com/a\r\nSet-Cookie: x=1", "U+000D")]
    [TestCase("https://example.com/a\tb.jpg", "U+0009")]
    [TestCase("https://example.com/a\u0000.jpg", "U+0000")]
    [TestCase("https://example.com/\u202Egpj.exe", "U+202E")]
    [TestCase("https://example.com/\u2066a\u2069.jpg", "U+2066")]
    [TestCase("https://example.com/\u200Fa.jpg", "U+200F")]
    public async Task Control_and_bidi_characters_are_refused_naming_the_field(string url, string codePoint)
    {
        var before = await CountAdminArticlesAsync(Editor);
        var image = await (await CreateAsync(Editor, FullArticle("नियंत्रण वर्ण चित्र").With("image", new { url }))).AssertProblemAsync(400);
        var canonical = await (await CreateAsync(Editor, FullArticle("नियंत्रण वर्ण पता").With("canonicalUrl", url))).AssertProblemAsync(400);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Messages(image, "image.url"), Does.Contain(codePoint), image.ToString());
            Assert.That(Messages(canonical, "canonicalUrl"), Does.Contain(codePoint), canonical.ToString());
            Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task Credentials_in_a_url_are_refused()
    {
        var problem = await (await CreateAsync(Editor, FullArticle("उपयोगकर्ता वाला पता")
            .With("canonicalUrl", "https://bank.example@evil.example/login"))).AssertProblemAsync(400);
        Assert.That(Messages(problem, "canonicalUrl"), Does.Contain("user name"), problem.ToString());
    }

    [Test]
    public async Task Patch_and_put_store_the_serialised_url_too()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("पैच से पता"));
        using var patched = await PatchAsync(Editor, id, new { canonicalUrl = "https://example.com/<b>" }, etag);
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        Assert.That((await patched.JsonAsync()).GetProperty("canonicalUrl").GetString(), Is.EqualTo("https://example.com/%3Cb%3E"));
        using var put = await PutAsync(Editor, id, FullArticle("पुट से पता").With("canonicalUrl", "https://example.com/a\u202Eb"), ETagOf(patched));
        await put.AssertProblemAsync(400);
    }

    [Test]
    public async Task A_source_url_is_stored_serialised_and_control_characters_refused()
    {
        using var created = await Editor.PostAsJsonAsync("/v1/admin/sources",
            new { name = "नया समाचार स्रोत", url = "https://समाचार.example/\"><script>x</script>" }, NewsApiFactory.Json);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        Assert.That((await created.JsonAsync()).GetProperty("url").GetString(),
            Is.EqualTo("https://xn--61b3bh3a5ab.example/%22%3E%3Cscript%3Ex%3C/script%3E"));

        using var refused = await Editor.PostAsJsonAsync("/v1/admin/sources", new { name = "दूसरा स्रोत", url = "https://example.com/\u202Eexe" }, NewsApiFactory.Json);
        var problem = await refused.AssertProblemAsync(400);
        Assert.That(Messages(problem, "url"), Does.Contain("U+202E"), problem.ToString());
    }

    private static string Messages(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? string.Join(" ", messages.EnumerateArray().Select(m => m.GetString())) : "";
}
