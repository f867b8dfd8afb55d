using System.Net;
using System.Text;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Article writes over HTTP with a real editor key: create, NFC, tags, slugs, merge patch,
/// delete, and that a refused write leaves nothing behind.</summary>
[TestFixture]
public sealed partial class WritesTests : ApiTestBase
{
    protected override string EditorKeyName => "संपादक";

    private async Task<HttpResponseMessage> PublicSlugAsync(string slug) =>
        await Public.GetAsync("/v1/articles/slug/" + Uri.EscapeDataString(slug));

    [Test]
    public async Task Create_answers_201_with_Location_and_ETag_1()
    {
        var response = await CreateAsync(Editor, FullArticle("किम ने पुतिन से बात की"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        var id = article.GetProperty("id").GetInt64();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"1\""));
            Assert.That(response.Headers.ETag?.IsWeak, Is.False);
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/v1/admin/articles/{id}"));
            Assert.That(article.GetProperty("version").GetInt64(), Is.EqualTo(1));
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(article.GetProperty("slug").GetString(), Is.EqualTo("किम-ने-पुतिन-से-बात-की"));
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo("किम ने पुतिन से बात की"));
            Assert.That(Strings(article.GetProperty("authors"), "slug"), Is.EqualTo(new[] { "ravi" }));
            Assert.That(article.GetProperty("source").GetProperty("slug").GetString(), Is.EqualTo("ians"));
        }
        var location = await Editor.GetAsync(response.Headers.Location);
        Assert.That(location.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(location.Headers.ETag?.Tag, Does.Match("^\"1\\.[A-Za-z0-9_-]+\"$"), "the GET's ETag: version 1 and a hash of the answer");
        Assert.That((await PublicSlugAsync("किम-ने-पुतिन-से-बात-की")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a draft is not public");
    }

    [Test]
    public async Task Text_is_stored_NFC_whatever_form_it_was_sent_in()
    {
        // न + nukta (NFD) composes to ऩ U+0929; precomposed क़ U+0958 is a composition exclusion, so NFC is क + nukta;
        // e + U+0301 composes to é.
        var headline = "न\u093C\u0940 \u0958ानून पर e\u0301मैनुएल की राय";
        var input = FullArticle(headline, tags: ["\u0958ानून"]);
        input["subheadline"] = "\u095Bिंदगी की बात";
        input["dateline"] = "नई दिल्ली\u0020";
        input["body"] = "<p>\u095Eिल्म और \u0958ानून</p>";

        var response = await CreateAsync(Editor, input);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        var storedHeadline = article.GetProperty("headline").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(storedHeadline, Is.EqualTo(headline.Normalize(NormalizationForm.FormC)));
            Assert.That(storedHeadline, Does.StartWith("\u0929\u0940 \u0915\u093C"));
            Assert.That(storedHeadline, Does.Contain("\u00E9"));
            Assert.That(article.GetProperty("subheadline").GetString(), Is.EqualTo("\u091C\u093Cिंदगी की बात"));
            Assert.That(article.GetProperty("body").GetProperty("html").GetString(), Is.EqualTo("<p>\u092B\u093Cिल्म और \u0915\u093Cानून</p>"));
            Assert.That(article.GetProperty("slug").GetString()!.IsNormalized(NormalizationForm.FormC), Is.True);
            Assert.That(article.GetProperty("tags")[0].GetProperty("name").GetString(), Is.EqualTo("\u0915\u093Cानून"));
            Assert.That(article.GetProperty("dateline").GetString(), Is.EqualTo("नई दिल्ली"));
        }

        // The same tag sent in the other form is the same tag, not a second one.
        var other = await CreateAsync(Editor, FullArticle("दूसरे रूप में वही टैग", tags: ["\u0915\u093Cानून"]));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await other.JsonAsync()).GetProperty("tags")[0].GetProperty("slug").GetString(),
            Is.EqualTo(article.GetProperty("tags")[0].GetProperty("slug").GetString()));
    }

    [Test]
    public async Task Unknown_tag_names_are_created_and_listed_once_the_article_is_published()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("नए टैग वाली ख़बर", tags: ["अंतरिक्ष अनुसंधान", "भारत", "अंतरिक्ष अनुसंधान"]));
        var draft = await GetAdminAsync(Editor, id);
        Assert.That(Strings(draft.GetProperty("tags"), "slug"), Is.EqualTo(new[] { "अंतरिक्ष-अनुसंधान", "भारत" }), "duplicates collapse, order kept");

        await PublishWithETagAsync(Editor, id, etag);

        var tag = await Public.GetAsync("/v1/tags/" + Uri.EscapeDataString("अंतरिक्ष-अनुसंधान"));
        Assert.That(tag.StatusCode, Is.EqualTo(HttpStatusCode.OK), await tag.Content.ReadAsStringAsync());
        var json = await tag.JsonAsync();
        var list = await (await Public.GetAsync("/v1/tags?q=" + Uri.EscapeDataString("अंतरिक्ष"))).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("name").GetString(), Is.EqualTo("अंतरिक्ष अनुसंधान"));
            Assert.That(json.GetProperty("articleCount").GetInt64(), Is.EqualTo(1));
            Assert.That(Strings(list.GetProperty("items"), "slug"), Is.EqualTo(new[] { "अंतरिक्ष-अनुसंधान" }));
        }
        // Named again by its name or its slug, it is the same tag.
        var again = await CreateAsync(Editor, FullArticle("फिर वही टैग", tags: ["अंतरिक्ष अनुसंधान", "अंतरिक्ष-अनुसंधान"]));
        Assert.That(Strings((await again.JsonAsync()).GetProperty("tags"), "slug"), Is.EqualTo(new[] { "अंतरिक्ष-अनुसंधान" }));
    }

    [Test]
    public async Task Derived_slugs_that_collide_get_numbered_suffixes()
    {
        var slugs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var response = await CreateAsync(Editor, FullArticle("बाढ़ से हालात गंभीर"));
            slugs.Add((await response.JsonAsync()).GetProperty("slug").GetString()!);
        }
        Assert.That(slugs, Is.EqualTo(new[] { "बाढ़-से-हालात-गंभीर", "बाढ़-से-हालात-गंभीर-2", "बाढ़-से-हालात-गंभीर-3" }));
    }

    [Test]
    public async Task An_explicit_slug_that_is_taken_answers_409_with_a_free_suggestion()
    {
        var first = FullArticle("चुनाव के नतीजे घोषित");
        first["slug"] = "चुनाव-नतीजे";
        await CreatedAsync(Editor, first);
        var second = FullArticle("चुनाव के नतीजे: दूसरी ख़बर");
        second["slug"] = "चुनाव-नतीजे";
        var before = await CountAdminArticlesAsync(Editor);

        var conflict = await CreateAsync(Editor, second);

        var problem = await conflict.AssertProblemAsync(409);
        var suggestion = problem.GetProperty("suggestion").GetString()!;
        Assert.That(suggestion, Is.Not.EqualTo("चुनाव-नतीजे").And.StartWith("चुनाव-नतीजे"));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before), "nothing created by the refused write");

        second["slug"] = suggestion;
        var retry = await CreateAsync(Editor, second);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());
        Assert.That((await retry.JsonAsync()).GetProperty("slug").GetString(), Is.EqualTo(suggestion));
    }

    [Test]
    public async Task The_suggestion_for_a_taken_slug_of_120_characters_is_still_valid_and_free()
    {
        var longSlug = string.Concat(Enumerable.Repeat("क्ष", 40)); // 120 UTF-16 units, ends on a full conjunct
        var first = FullArticle("लंबे स्लग वाली पहली ख़बर");
        first["slug"] = longSlug;
        await CreatedAsync(Editor, first);
        var second = FullArticle("लंबे स्लग वाली दूसरी ख़बर");
        second["slug"] = longSlug;

        var problem = await (await CreateAsync(Editor, second)).AssertProblemAsync(409);

        var suggestion = problem.GetProperty("suggestion").GetString()!;
        Assert.That(suggestion, Has.Length.LessThanOrEqualTo(120).And.EndWith("-2"));
        second["slug"] = suggestion;
        var retry = await CreateAsync(Editor, second);
        Assert.That(retry.StatusCode, Is.EqualTo(HttpStatusCode.Created), await retry.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task An_explicit_slug_is_normalised_before_the_taken_check()
    {
        var first = FullArticle("क़ानून का स्लग");
        first["slug"] = "\u0958ानून-स्लग"; // precomposed; stored NFC (decomposed)
        await CreatedAsync(Editor, first);
        var second = FullArticle("क़ानून का स्लग दोबारा");
        second["slug"] = "\u0915\u093Cानून-स्लग";

        var conflict = await CreateAsync(Editor, second);

        await conflict.AssertProblemAsync(409);
    }

    [Test]
    public async Task Changing_the_slug_keeps_the_old_one_which_redirects_once_published()
    {
        var input = FullArticle("पुराना स्लग वाली ख़बर");
        input["slug"] = "पुराना-स्लग";
        var (id, etag) = await CreatedAsync(Editor, input);

        var patched = await PatchAsync(Editor, id, new { slug = "नया-स्लग" }, etag);
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        Assert.That((await patched.JsonAsync()).GetProperty("slug").GetString(), Is.EqualTo("नया-स्लग"));
        Assert.That((await PublicSlugAsync("पुराना-स्लग")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no redirect to a draft");
        await PublishWithETagAsync(Editor, id, ETagOf(patched));

        var old = await PublicSlugAsync("पुराना-स्लग");
        var current = await PublicSlugAsync("नया-स्लग");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo("/v1/articles/slug/" + Uri.EscapeDataString("नया-स्लग")));
            Assert.That(old.Headers.CacheControl?.Public, Is.True, "a CDN may keep the redirect");
            Assert.That(old.Headers.GetValues("Surrogate-Key").Single().Split(' '), Does.Contain($"article-{id}"), "purging the article purges its redirect");
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // The retired slug still belongs to this article: another article cannot take it.
        var thief = FullArticle("स्लग चुराने की कोशिश");
        thief["slug"] = "पुराना-स्लग";
        var refused = await CreateAsync(Editor, thief);
        await refused.AssertProblemAsync(409);
    }

    [Test]
    public async Task An_article_may_move_back_to_its_own_old_slug()
    {
        var input = FullArticle("वापसी वाला स्लग");
        input["slug"] = "पहला-स्लग";
        var (id, etag) = await CreatedAsync(Editor, input);
        var moved = await PatchAsync(Editor, id, new { slug = "दूसरा-स्लग" }, etag);
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var back = await PatchAsync(Editor, id, new { slug = "पहला-स्लग" }, ETagOf(moved));

        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), await back.Content.ReadAsStringAsync());
        await PublishWithETagAsync(Editor, id, ETagOf(back));
        var current = await PublicSlugAsync("पहला-स्लग");
        var old = await PublicSlugAsync("दूसरा-स्लग");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(old.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(old.Headers.Location?.ToString(), Is.EqualTo("/v1/articles/slug/" + Uri.EscapeDataString("पहला-स्लग")));
        }
    }
}
