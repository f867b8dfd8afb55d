using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Search;

/// <summary>GET /v1/search over the demo content (the seed page).</summary>
[TestFixture]
public sealed class SearchTestsSeedPage : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo;

    private async Task<List<JsonElement>> HitsAsync(string q)
    {
        var response = await Public.GetAsync("/v1/search?limit=100&q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    [Test]
    public async Task Putin_finds_the_main_article_and_the_putin_stories()
    {
        var headlines = (await HitsAsync("पुतिन")).Select(h => h.GetProperty("headline").GetString()).ToList();
        var putinTeasers = Seed.TeaserHeadlines.Where(h => h.Contains("पुतिन", StringComparison.Ordinal)).ToList();
        Assert.That(putinTeasers, Has.Count.GreaterThanOrEqualTo(2), "the seed page has Putin stories among its teasers");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(headlines, Does.Contain(Seed.Headline));
            Assert.That(headlines, Is.SupersetOf(putinTeasers));
            Assert.That(headlines, Does.Not.Contain(Seed.NextHeadline), "the RBI story does not mention Putin");
        }
    }

    [Test]
    public async Task Kim_jong_finds_the_main_article_first()
    {
        var hits = await HitsAsync("किम जोंग");
        Assert.That(hits, Is.Not.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hits[0].GetProperty("headline").GetString(), Is.EqualTo(Seed.Headline));
            Assert.That(hits[0].GetProperty("snippet").GetString(), Does.Contain("<mark>"));
            Assert.That(hits[0].GetProperty("matchedBy").GetString(), Is.EqualTo("text"));
        }
    }

    [Test]
    public async Task Quoted_word_in_the_main_headline_is_found_without_its_quotes()
    {
        var headlines = (await HitsAsync("समर्थन")).Select(h => h.GetProperty("headline").GetString()).ToList();
        Assert.That(headlines, Does.Contain(Seed.Headline), "the headline has ‘पूर्ण समर्थन’");
    }

    [Test]
    public async Task Earthquake_finds_the_turkey_story_first()
    {
        var hits = await HitsAsync("भूकंप");
        Assert.That(hits, Is.Not.Empty);
        Assert.That(hits[0].GetProperty("headline").GetString(), Does.Contain("भूकंप"));
    }
}
