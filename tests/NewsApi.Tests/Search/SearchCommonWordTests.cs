using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using NewsApi.Cli;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Search;

/// <summary>Words in more articles than the recency window take the cached-IDF ranking path
/// (SearchService.RankCommonAsync); a generated corpus puts पुतिन in most of 1,500 articles.</summary>
[TestFixture]
public sealed class SearchCommonWordTests : ApiTestBase
{
    protected override Contents StartWith => Contents.None;

    protected override async Task PrepareDatabaseAsync(string path)
    {
        // Generated before the service starts, as the CLI does: the bulk load leaves WAL mode for its
        // duration, which needs the file to itself (the running service's background readers hold it).
        using var db = new Db($"Data Source={path}");
        await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
        await GenerateCorpus.GenerateAsync(db, 1500, seed: 3, CancellationToken.None);
        SqliteConnection.ClearAllPools();
    }

    private async Task<List<JsonElement>> PagesAsync(string q, int limit, int pages)
    {
        var items = new List<JsonElement>();
        var url = $"/v1/search?q={Uri.EscapeDataString(q)}&limit={limit}";
        for (var i = 0; i < pages && url is not null; i++)
        {
            var response = await Public.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var page = await response.JsonAsync();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            url = page.GetProperty("nextCursor").GetString() is { } cursor
                ? $"/v1/search?q={Uri.EscapeDataString(q)}&limit={limit}&cursor={cursor}" : null;
        }
        return items;
    }

    [Test]
    public async Task A_word_in_most_articles_ranks_headline_matches_first_and_pages_without_repeats()
    {
        var hits = await PagesAsync("पुतिन", limit: 25, pages: 8);
        Assert.That(hits, Has.Count.EqualTo(200));
        var ids = hits.Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.That(ids, Is.Unique);
        var inHeadline = hits.Select(h => h.GetProperty("headline").GetString()!.Contains("पुतिन", StringComparison.Ordinal)).ToList();
        var firstBodyOnly = inHeadline.IndexOf(false);
        Assert.That(firstBodyOnly, Is.GreaterThan(0), "some headlines hold the word");
        Assert.That(inHeadline.Skip(firstBodyOnly), Has.None.True, "every headline match ranks above every body-only match");
        Assert.That(hits.Select(h => h.GetProperty("snippet").GetString()), Has.All.Contain("<mark>"));
    }

    [Test]
    public async Task Two_common_words_must_both_match_and_romanised_spelling_finds_them_too()
    {
        var hits = await PagesAsync("पुतिन ट्रंप", limit: 50, pages: 2);
        Assert.That(hits, Is.Not.Empty);
        Assert.That(hits.Select(h => h.GetProperty("id").GetInt64()), Is.Unique);
        var romanised = await PagesAsync("putin trump", limit: 50, pages: 1);
        Assert.That(romanised, Is.Not.Empty);
        Assert.That(romanised.Select(h => h.GetProperty("matchedBy").GetString()), Has.All.EqualTo("romanised"));
        Assert.That(romanised.Select(h => h.GetProperty("snippet").GetString()), Has.All.Contain("<mark>"));
    }

    [Test]
    public async Task A_rare_word_of_the_generated_corpus_finds_only_its_handful_of_articles()
    {
        var word = GenerateCorpus.RareWords[0];
        var hits = await PagesAsync(word, limit: 50, pages: 1);
        Assert.That(hits, Has.Count.InRange(1, 6), "each rare word is put in 2 to 6 articles");
        Assert.That(hits.Select(h => h.GetProperty("snippet").GetString()), Has.All.Contain($"<mark>{word}</mark>"));
    }
}
