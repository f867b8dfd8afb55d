using System.Text;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Article write validation with Devanagari inputs: every failing field at once, the edges that
/// must pass, and server-owned members that must never be mass-assigned.</summary>
[TestFixture]
public sealed partial class ValidationTests : ApiTestBase
{
    /// <summary>Exactly 300 code points (UTF-16 units) with matras, virama, decomposed nukta and ZWJ; already NFC.</summary>
    private static readonly string Headline300 = Build300();

    private static string Build300()
    {
        const string phrase = "क्\u200Dषेत्रीय ज़िंदगी की पढ़ाई और ख़बर ";
        var sb = new StringBuilder();
        while (sb.Length < 300) sb.Append(phrase);
        var text = sb.ToString(0, 300);
        // Never end on a space (the writer trims): swap a trailing space for a letter.
        return text.EndsWith(' ') ? text[..299] + "क" : text;
    }

    protected override string EditorKeyName => "संपादक";

    private static string Body(int bytes)
    {
        // "<p>" + n × क (3 bytes each in UTF-8) + "</p>"
        var n = (bytes - 7) / 3;
        var body = "<p>" + new string('क', n) + "</p>";
        Assert.That(Encoding.UTF8.GetByteCount(body), Is.EqualTo(bytes), "test setup");
        return body;
    }

    private static string[] Tags(int n) => [.. Enumerable.Range(1, n).Select(i => "टैग " + DevanagariNumber(i))];

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(400);
        Assert.That(problem.TryGetProperty("errors", out var errors), Is.True, problem.ToString());
        return errors.EnumerateObject().ToDictionary(p => p.Name, p => Strings(p.Value).ToArray());
    }

    [Test]
    public void The_300_character_headline_is_what_the_edge_cases_need()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Headline300, Has.Length.EqualTo(300));
            Assert.That(Headline300.IsNormalized(NormalizationForm.FormC), Is.True);
            // ZWJ, virama, nukta (decomposed), vowel sign i; string.Contains(char) is ordinal.
            Assert.That(new[] { '\u200D', '\u094D', '\u093C', '\u093F' }.Where(c => !Headline300.Contains(c)), Is.Empty);
        }
    }

    [Test]
    public async Task One_request_with_many_failing_fields_gets_all_of_them_at_once()
    {
        var input = FullArticle("");
        input["slug"] = "किम ने";
        input["section"] = "खेलकूद";
        input["authors"] = new[] { "ravi", "अज्ञात-लेखक" };
        input["source"] = "अज्ञात-स्रोत";
        input["tags"] = Tags(21);
        input["image"] = new { url = "ftp://example.com/photo.jpg", alt = "चित्र" };
        input["language"] = "हिंदी";
        input["body"] = Body(ArticleBodyLimit + 3);
        var before = await CountAdminArticlesAsync(Editor);

        var errors = await ErrorsAsync(await CreateAsync(Editor, input));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { "headline", "slug", "section", "authors[1]", "source", "tags", "image.url", "language", "body" }),
            JsonSerializer.Serialize(errors));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [Test]
    public async Task Unknown_section_source_and_first_unknown_author_are_named_with_their_slugs_as_sent()
    {
        // Otherwise valid: the write's own lookups (inside its transaction) answer, in the validator's words;
        // of the authors, the first failing one is named.
        var input = FullArticle("अज्ञात संदर्भों की जाँच");
        input["section"] = "खेलकूद";
        input["source"] = "अज्ञात-स्रोत";
        input["authors"] = new[] { "अज्ञात-लेखक", "ravi", "दूसरा-अज्ञात" };
        var before = await CountAdminArticlesAsync(Editor);

        var errors = await ErrorsAsync(await CreateAsync(Editor, input));

        Assert.That(errors, Is.EquivalentTo(new Dictionary<string, string[]>
        {
            ["section"] = ["No section has the slug 'खेलकूद'."],
            ["source"] = ["No source has the slug 'अज्ञात-स्रोत'."],
            ["authors[0]"] = ["No author has the slug 'अज्ञात-लेखक'."],
        }), JsonSerializer.Serialize(errors));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [TestCase(new[] { "", "अज्ञात-लेखक" }, "authors[0]", "An author slug may not be empty.")]
    [TestCase(new[] { "अज्ञात-लेखक", "" }, "authors[0]", "No author has the slug 'अज्ञात-लेखक'.")]
    [TestCase(new[] { "ravi", "अज्ञात-लेखक", "" }, "authors[1]", "No author has the slug 'अज्ञात-लेखक'.")]
    public async Task With_other_failing_fields_the_first_failing_author_is_named(string[] authors, string field, string message)
    {
        var input = FullArticle("");
        input["section"] = "खेलकूद";
        input["authors"] = authors;

        var errors = await ErrorsAsync(await CreateAsync(Editor, input));

        Assert.That(errors, Is.EquivalentTo(new Dictionary<string, string[]>
        {
            ["headline"] = ["Headline is required."],
            ["section"] = ["No section has the slug 'खेलकूद'."],
            [field] = [message],
        }), JsonSerializer.Serialize(errors));
    }

    private const int ArticleBodyLimit = 1024 * 1024;

    private static IEnumerable<TestCaseData> SingleFailures()
    {
        TestCaseData Case(string field, string name, Action<Dictionary<string, object?>> change) =>
            new TestCaseData(field, change).SetArgDisplayNames(field, name);

        yield return Case("headline", "empty", i => i["headline"] = "");
        yield return Case("headline", "whitespace", i => i["headline"] = "   ");
        yield return Case("headline", "missing", i => i.Remove("headline"));
        yield return Case("headline", "301 Devanagari characters", i => i["headline"] = Headline300 + "क");
        yield return Case("headline", "301 characters once NFC (precomposed nukta decomposes)", i => i["headline"] = "\u0958 " + new string('क', 298));
        yield return Case("slug", "spaces", i => i["slug"] = "किम ने");
        yield return Case("slug", "upper case", i => i["slug"] = "Kim-Ne-Putin");
        yield return Case("slug", "double hyphen", i => i["slug"] = "किम--ने");
        yield return Case("slug", "leading hyphen", i => i["slug"] = "-किम-ने");
        yield return Case("slug", "punctuation", i => i["slug"] = "किम-ने।");
        yield return Case("slug", "121 characters", i => i["slug"] = new string('क', 121));
        yield return Case("slug", "empty", i => i["slug"] = "");
        yield return Case("section", "unknown खेलकूद", i => i["section"] = "खेलकूद");
        yield return Case("section", "missing", i => i.Remove("section"));
        yield return Case("authors[0]", "null author", i => i["authors"] = new string?[] { null });
        yield return Case("authors[1]", "empty author", i => i["authors"] = new[] { "ravi", "" });
        yield return Case("tags[0]", "null tag", i => i["tags"] = new string?[] { null });
        yield return Case("tags[1]", "blank tag", i => i["tags"] = new[] { "भारत", "  " });
        yield return Case("authors[0]", "unknown author", i => i["authors"] = new[] { "अज्ञात-लेखक" });
        yield return Case("source", "unknown source", i => i["source"] = "अज्ञात-स्रोत");
        yield return Case("tags", "21 tags", i => i["tags"] = Tags(21));
        yield return Case("image.url", "ftp URL", i => i["image"] = new { url = "ftp://example.com/photo.jpg" });
        yield return Case("image.url", "relative URL", i => i["image"] = new { url = "/images/photo.jpg" });
        yield return Case("image.url", "bare file name", i => i["image"] = new { url = "photo.jpg" });
        yield return Case("image.url", "javascript URL", i => i["image"] = new { url = "javascript:alert(1)" });
        yield return Case("image.url", "missing URL", i => i["image"] = new { alt = "चित्र" });
        yield return Case("language", "हिंदी", i => i["language"] = "हिंदी");
        yield return Case("language", "words", i => i["language"] = "hindi language");
        yield return Case("body", "over 1 MB", i => i["body"] = Body(ArticleBodyLimit + 3));
        yield return Case("canonicalUrl", "not http", i => i["canonicalUrl"] = "ftp://example.com/story");
    }

    [TestCaseSource(nameof(SingleFailures))]
    public async Task An_invalid_field_is_named_in_errors_and_nothing_is_created(string field, Action<Dictionary<string, object?>> change)
    {
        var input = FullArticle("मान्यकरण की जाँच");
        change(input);
        var before = await CountAdminArticlesAsync(Editor);

        var errors = await ErrorsAsync(await CreateAsync(Editor, input));

        Assert.That(errors.Keys, Is.EquivalentTo(new[] { field }), JsonSerializer.Serialize(errors));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
    }

    [Test]
    public async Task The_same_rules_apply_to_put_and_merge_patch()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("पुट और पैच पर नियम"));
        var put = FullArticle("");
        put["section"] = "खेलकूद";
        put["language"] = "हिंदी";

        var putErrors = await ErrorsAsync(await PutAsync(Editor, id, put, etag));
        var patchErrors = await ErrorsAsync(await PatchAsync(Editor, id, new { headline = (string?)null, slug = "किम ने", image = new { url = "/relative.jpg" } }, etag));

        var (stored, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(putErrors.Keys, Is.EquivalentTo(new[] { "headline", "section", "language" }));
            Assert.That(patchErrors.Keys, Is.EquivalentTo(new[] { "headline", "slug", "image.url" }));
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("पुट और पैच पर नियम"));
            Assert.That(current, Is.EqualTo("\"1\""));
        }
    }
}
