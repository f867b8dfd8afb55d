using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>The WordPress 6 fixture (Imports/Fixtures/wordpress6-hindi.xml) imported with import-wxr into an empty
/// newsroom: exactly the expected articles, sections, tags, authors, images and redirects.</summary>
[TestFixture]
public sealed class WordPressFixtureTests : ApiTestBase
{
    protected override Contents StartWith => Contents.None;

    private string _output = "";
    private List<JsonElement> _articles = [];

    protected override async Task ArrangeAsync()
    {
        var (exit, output) = await Wxr.CommandOnFileAsync(Factory, Wxr.FixturePath);
        Assert.That(exit, Is.Zero, output);
        _output = output;
        _articles = await Wxr.AllArticlesAsync(Editor);
    }

    [Test]
    public void The_summary_counts_what_was_created_and_why_the_rest_was_skipped()
    {
        Assert.That(_output, Does.Contain("items read       9"));
        Assert.That(_output, Does.Contain("articles created 5"));
        Assert.That(_output, Does.Contain("articles updated 0"));
        Assert.That(_output, Does.Contain("skipped          4"));
        Assert.That(_output, Does.Contain("post type 'page' is not imported"));
        Assert.That(_output, Does.Contain("post type 'attachment' is not imported"));
        Assert.That(_output, Does.Contain("post type 'nav_menu_item' is not imported"));
        Assert.That(_output, Does.Contain("trashed in WordPress"));
        Assert.That(_output, Does.Contain("sections created 5, tags created 2, authors created 2"));
        Assert.That(_output, Does.Contain("featured images  1"));
        Assert.That(_output, Does.Contain("refused          0"));
        Assert.That(_output, Does.Contain("Checking the file: 100%"), "plain progress lines when the output is not a terminal");
    }

    [Test]
    public void Posts_become_articles_with_their_statuses_and_dates_and_nothing_else_does()
    {
        Assert.That(_articles.Select(a => a.GetProperty("headline").GetString()), Is.EquivalentTo(new[]
        {
            "फ़ोन पर बातचीत में किम ने रूस के लिए ‘पूर्ण समर्थन’ जताया".Normalize(System.Text.NormalizationForm.FormC),
            "Classic story: बारिश से शहर बेहाल",
            "मसौदा: बजट पर विश्लेषण",
            "विश्व कप का कार्यक्रम",
            "शेयर बाज़ार में तेज़ी & रुपया मज़बूत".Normalize(System.Text.NormalizationForm.FormC),
        }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Status("फ़ोन".Normalize(System.Text.NormalizationForm.FormC)), Is.EqualTo(("published", "2025-08-13T04:00:00Z")));
            Assert.That(Status("Classic"), Is.EqualTo(("published", "2025-08-12T06:00:00Z")));
            Assert.That(Status("मसौदा"), Is.EqualTo(("draft", (string?)null)), "a draft's zero GMT date is no publication date");
            Assert.That(Status("विश्व कप"), Is.EqualTo(("scheduled", "2099-01-01T04:30:00Z")));
            Assert.That(Status("शेयर"), Is.EqualTo(("published", "2025-08-11T10:00:00Z")));
        }
    }

    [Test]
    public void A_percent_encoded_Hindi_post_name_becomes_the_NFC_Devanagari_slug_and_the_article_answers_to_it()
    {
        var article = Wxr.ByHeadline(_articles, "फ़ोन".Normalize(System.Text.NormalizationForm.FormC));
        Assert.That(article.GetProperty("slug").GetString(), Is.EqualTo(Wxr.Slug101));
        Assert.That(Wxr.Slug101.IsNormalized(System.Text.NormalizationForm.FormC), Is.True);
        Assert.That(Wxr.ByHeadline(_articles, "मसौदा").GetProperty("slug").GetString(), Is.EqualTo("मसौदा-बजट-पर-विश्लेषण"),
            "a draft without a post_name gets the slug derived from its headline");
    }

    [Test]
    public async Task The_imported_article_is_public_by_its_slug_with_section_tags_author_image_and_language()
    {
        using var response = await Public.GetAsync("/v1/articles/slug/" + Uri.EscapeDataString(Wxr.Slug101));
        var article = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), article.ToString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("rajya"), "the first category is the section");
            Assert.That(article.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()), Is.EquivalentTo(new[] { "kim-jong-un", "पुतिन" }));
            Assert.That(article.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "किम जोंग-उन", "पुतिन" }));
            Assert.That(article.GetProperty("authors").EnumerateArray().Select(a => a.GetProperty("name").GetString()), Is.EqualTo(new[] { "रवि कुमार" }));
            Assert.That(article.GetProperty("language").GetString(), Is.EqualTo("hi"));
            var image = article.GetProperty("image");
            Assert.That(image.GetProperty("url").GetString(), Is.EqualTo("https://khabar.example.com/wp-content/uploads/2025/08/kim-putin.jpg"));
            Assert.That(image.GetProperty("alt").GetString(), Is.EqualTo("किम जोंग-उन और पुतिन"));
            Assert.That(image.GetProperty("caption").GetString(), Is.EqualTo("किम जोंग-उन और व्लादिमीर पुतिन (फ़ाइल फ़ोटो)".Normalize(System.Text.NormalizationForm.FormC)));
            var body = article.GetProperty("body").GetProperty("html").GetString()!;
            Assert.That(body, Does.Not.Contain("wp:"), "Gutenberg block comments are removed");
            Assert.That(body, Does.StartWith("<p>सियोल"));
            Assert.That(body, Does.Contain("<h2>अलास्का में मुलाक़ात</h2>".Normalize(System.Text.NormalizationForm.FormC)));
            Assert.That(body, Does.Contain("<strong>ट्रंप</strong>"));
        }
    }

    [Test]
    public async Task Classic_content_gets_paragraphs_and_a_caption_shortcode_becomes_a_figure_other_shortcodes_are_dropped()
    {
        var body = (await EditorialHttp.GetAdminAsync(Editor, Wxr.ByHeadline(_articles, "Classic").GetProperty("id").GetInt64()))
            .GetProperty("body").GetProperty("html").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body, Does.StartWith("<p>मुंबई में लगातार बारिश से जनजीवन अस्त-व्यस्त हो गया।"));
            Assert.That(body, Does.Contain("<figure><img src=\"https://khabar.example.com/wp-content/uploads/2025/08/rain.jpg\" alt=\"पानी में डूबी सड़क\""));
            Assert.That(body, Does.Contain("<figcaption>पानी में डूबी सड़क, अंधेरी</figcaption></figure>"));
            Assert.That(body, Does.Contain("<p>मौसम विभाग ने  अगले दो दिन भारी बारिश की चेतावनी दी है।</p>").Or.Contain("<p>मौसम विभाग ने अगले दो दिन"));
            Assert.That(body, Does.Not.Contain("[").And.Not.Contain("youtube"));
        }
    }

    [Test]
    public async Task Categories_become_sections_with_their_hierarchy_tags_and_authors_keep_their_names()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await ParentAsync("rajya"), Is.EqualTo("desh"));
            Assert.That(await ParentAsync("desh"), Is.Null);
            Assert.That((await GetJsonAsync("/v1/admin/sections/" + Uri.EscapeDataString("खेल"))).GetProperty("name").GetString(), Is.EqualTo("खेल"));
            Assert.That((await GetJsonAsync("/v1/admin/sections/uncategorized")).GetProperty("name").GetString(), Is.EqualTo("अवर्गीकृत"));
            Assert.That((await GetJsonAsync("/v1/admin/sections/vishva")).GetProperty("name").GetString(), Is.EqualTo("विश्व"));
            Assert.That((await GetJsonAsync("/v1/admin/authors/ravi-kumar")).GetProperty("name").GetString(), Is.EqualTo("रवि कुमार"));
            Assert.That((await GetJsonAsync("/v1/admin/authors/sita")).GetProperty("name").GetString(), Is.EqualTo("सीता शर्मा"));
            Assert.That(Wxr.ByHeadline(_articles, "शेयर").GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("uncategorized"));
            Assert.That(Wxr.ByHeadline(_articles, "शेयर").GetProperty("excerpt").GetString(), Is.EqualTo("बाज़ार में रौनक".Normalize(System.Text.NormalizationForm.FormC)));
            Assert.That(Wxr.ByHeadline(_articles, "विश्व कप").GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("खेल"));
        }
    }

    [TestCase("path", "/2025/08/13/" + Wxr.EncodedSlug101 + "/")]
    [TestCase("path", "/?p=101")]
    [TestCase("url", "https://khabar.example.com/2025/08/13/" + Wxr.EncodedSlug101 + "/")]
    [TestCase("url", "https://khabar.example.com/?p=101")]
    public async Task An_old_WordPress_address_answers_301_to_the_article_with_its_current_url(string name, string value)
    {
        using var response = await Public.GetAsync($"/v1/redirects?{name}={Uri.EscapeDataString(value)}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently), body);
        var id = Wxr.ByHeadline(_articles, "फ़ोन".Normalize(System.Text.NormalizationForm.FormC)).GetProperty("id").GetInt64();
        var json = JsonDocument.Parse(body).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/v1/articles/{id}"));
            Assert.That(json.GetProperty("id").GetInt64(), Is.EqualTo(id));
            Assert.That(json.GetProperty("url").GetString(), Is.EqualTo("http://localhost:8080/rajya/" + Uri.EscapeDataString(Wxr.Slug101)), "the url as every answer writes it");
            Assert.That(response.Headers.CacheControl?.Public, Is.True);
        }
    }

    [Test]
    public async Task The_Devanagari_path_matches_without_encoding_or_trailing_slash()
    {
        using var response = await Public.GetAsync("/v1/redirects?path=" + Uri.EscapeDataString("/2025/08/13/" + Wxr.Slug101));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
    }

    [TestCase("path=/2025/08/13/no-such-story/")]
    [TestCase("path=/%3Fp%3D103")] // the draft's guid: drafts are not public
    [TestCase("url=https%3A%2F%2Fkhabar.example.com%2F%3Fp%3D104")] // scheduled
    public async Task Unknown_or_unpublished_addresses_are_404(string query)
    {
        using var response = await Public.GetAsync("/v1/redirects?" + query);
        await response.AssertProblemAsync(404);
    }

    [TestCase("")]
    [TestCase("path=/a/&url=https%3A%2F%2Fkhabar.example.com%2Fa%2F")]
    [TestCase("path=no-slash")]
    [TestCase("url=ftp%3A%2F%2Fexample.com%2Fa")]
    public async Task Neither_both_or_malformed_parameters_are_400(string query)
    {
        using var response = await Public.GetAsync("/v1/redirects?" + query);
        await response.AssertProblemAsync(400);
    }

    private (string?, string?) Status(string headlineStart)
    {
        var a = Wxr.ByHeadline(_articles, headlineStart);
        var published = a.GetProperty("publishedAt");
        return (a.GetProperty("status").GetString(),
            published.ValueKind == JsonValueKind.Null ? null : published.GetDateTimeOffset().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<string?> ParentAsync(string slug) => (await GetJsonAsync("/v1/admin/sections/" + slug)).GetProperty("parent").GetString();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        using var response = await Editor.GetAsync(url);
        var json = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + " " + json);
        return json;
    }
}
