using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

/// <summary>The seed news page, served in full through the public content API.</summary>
[TestFixture]
public sealed class SeedPageTests : ApiTestBase
{
    private JsonElement _main;

    protected override Contents StartWith => Contents.Demo;

    protected override async Task ArrangeAsync()
    {
        var list = await (await Public.GetAsync("/v1/articles?limit=100")).JsonAsync();
        _main = list.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("headline").GetString() == Seed.Headline);
    }

    private long MainId => _main.GetProperty("id").GetInt64();

    [Test]
    public async Task Main_article_by_id_has_the_exact_hindi_headline_dateline_paragraphs_and_source()
    {
        var article = await (await Public.GetAsync($"/v1/articles/{MainId}?formats=html,text,blocks")).JsonAsync();
        AssertIsTheSeedArticle(article);
    }

    [Test]
    public async Task Main_article_by_percent_encoded_devanagari_slug()
    {
        var slug = _main.GetProperty("slug").GetString()!;
        Assert.That(slug, Does.StartWith("अलास्का-शिखर-सम्मेलन-से-पहले-पुतिन"));
        var response = await Public.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(slug)}?formats=html,text,blocks");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertIsTheSeedArticle(await response.JsonAsync());
    }

    [Test]
    public async Task Slug_typed_in_decomposed_form_is_matched_after_nfc()
    {
        var slug = _main.GetProperty("slug").GetString()!.Normalize(System.Text.NormalizationForm.FormD);
        var response = await Public.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(slug)}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static void AssertIsTheSeedArticle(JsonElement article)
    {
        var text = article.GetProperty("body").GetProperty("text").GetString()!;
        var html = article.GetProperty("body").GetProperty("html").GetString()!;
        var blocks = article.GetProperty("body").GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("text").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("headline").GetString(), Is.EqualTo(Seed.Headline));
            Assert.That(article.GetProperty("dateline").GetString(), Is.EqualTo("सियोल"));
            Assert.That(article.GetProperty("source").GetProperty("name").GetString(), Is.EqualTo("आईएएनएस"));
            Assert.That(article.GetProperty("authors")[0].GetProperty("slug").GetString(), Is.EqualTo("admin"));
            Assert.That(article.GetProperty("language").GetString(), Is.EqualTo("hi"));
            Assert.That(article.GetProperty("publishedAt").GetString(), Is.EqualTo("2025-08-13T09:30:00Z"));
            Assert.That(text.Split("\n\n"), Is.EqualTo(Seed.Paragraphs));
            Assert.That(blocks, Is.EqualTo(Seed.Paragraphs));
            Assert.That(html, Does.StartWith("<p>उत्तर कोरिया के नेता किम जोंग-उन"));
            Assert.That(article.GetProperty("excerpt").GetString(), Does.EndWith("…"));
            Assert.That(article.GetProperty("readingTimeMinutes").GetInt32(), Is.GreaterThanOrEqualTo(1));
        }
    }

    [Test]
    public async Task Teaser_list_holds_all_twelve_stories_of_the_page()
    {
        var teasers = await (await Public.GetAsync("/v1/teasers?limit=100")).JsonAsync();
        var headlines = teasers.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("headline").GetString()).ToList();
        Assert.That(headlines, Is.SupersetOf(Seed.TeaserHeadlines));
        var first = teasers.GetProperty("items")[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.GetProperty("excerpt").GetString(), Is.Not.Empty);
            Assert.That(first.GetProperty("section").GetProperty("name").GetString(), Is.Not.Empty);
            Assert.That(first.GetProperty("url").GetString(), Does.StartWith("http://localhost:8080/"));
            Assert.That(first.TryGetProperty("body", out _), Is.False, "teasers carry no body");
        }
    }

    [Test]
    public async Task Adjacent_across_the_site_gives_the_pages_read_previous_and_read_next()
    {
        var adjacent = await (await Public.GetAsync($"/v1/articles/{MainId}/adjacent?scope=site")).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adjacent.GetProperty("previous").GetProperty("headline").GetString(), Is.EqualTo(Seed.PreviousHeadline));
            Assert.That(adjacent.GetProperty("next").GetProperty("headline").GetString(), Is.EqualTo(Seed.NextHeadline));
        }
    }

    [Test]
    public async Task Adjacent_within_the_section_stays_in_the_section()
    {
        var adjacent = await (await Public.GetAsync($"/v1/articles/{MainId}/adjacent")).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(adjacent.GetProperty("previous").GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("international"));
            Assert.That(adjacent.GetProperty("next").GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("international"));
            Assert.That(adjacent.GetProperty("next").GetProperty("headline").GetString(), Is.Not.EqualTo(Seed.NextHeadline), "the RBI story is in business");
        }
    }

    [Test]
    public async Task Related_never_holds_the_article_and_starts_with_shared_topics()
    {
        var related = await (await Public.GetAsync($"/v1/articles/{MainId}/related?limit=10")).JsonAsync();
        var items = related.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(items.Select(i => i.GetProperty("id").GetInt64()), Has.None.EqualTo(MainId));
            Assert.That(items.Select(i => i.GetProperty("reason").GetString()), Has.All.AnyOf("curated", "topic", "text"));
            Assert.That(items[0].GetProperty("headline").GetString(), Does.Contain("पुतिन"));
        }
    }

    [Test]
    public async Task Sections_list_counts_articles_including_sub_sections()
    {
        var sections = await (await Public.GetAsync("/v1/sections")).JsonAsync();
        var bySlug = sections.GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("slug").GetString()!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(bySlug["asia"].GetProperty("parent").GetString(), Is.EqualTo("international"));
            Assert.That(bySlug["international"].GetProperty("articleCount").GetInt64(),
                Is.GreaterThan(bySlug["asia"].GetProperty("articleCount").GetInt64()));
            Assert.That(bySlug["international"].GetProperty("name").GetString(), Is.EqualTo("अंतरराष्ट्रीय"));
        }
        var asiaOnly = await (await Public.GetAsync("/v1/teasers?section=international&limit=100")).JsonAsync();
        Assert.That(asiaOnly.GetProperty("items").EnumerateArray().Count(),
            Is.EqualTo(bySlug["international"].GetProperty("articleCount").GetInt64()), "the section filter includes sub-sections too");
    }
}
