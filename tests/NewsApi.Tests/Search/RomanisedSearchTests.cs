using System.Globalization;
using System.Text.Json;
using NewsApi.Search;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>Romanised Hindi (<c>putin</c>, <c>bhukamp</c>, <c>modi</c>) finds the Devanagari articles it spells,
/// measured on <see cref="RomanisedPairs"/> over the seed page plus <see cref="RomanisedPairs.ExtraArticles"/>.</summary>
[TestFixture]
public sealed class RomanisedSearchTests : ApiTestBase
{
    /// <summary>An article that spells Putin and Trump in Latin letters, so a Latin query has text hits too.</summary>
    private const string LatinHeadline = "Putin और Trump की बैठक पर विशेषज्ञों की राय";

    /// <summary>Every public article: id → its words (headline, excerpt and body text, NFC, case-folded).</summary>
    private Dictionary<long, HashSet<string>> _words = null!;

    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["RateLimiting:PermitsPerMinute"] = "100000";

    protected override async Task ArrangeAsync()
    {
        var at = new DateTimeOffset(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
        foreach (var (headline, body) in RomanisedPairs.ExtraArticles)
        {
            await PublishedAsync(Editor, Article(headline).With("body", "<p>" + body + "</p>"), at);
            at = at.AddHours(1);
        }
        await PublishedAsync(Editor, Article(LatinHeadline).With("body", "<p>Putin और Trump की मुलाकात पर टिप्पणी।</p>"), at);
        foreach (var (headline, body) in LoanwordArticles.All)
        {
            at = at.AddHours(1);
            await PublishedAsync(Editor, Article(headline).With("body", "<p>" + body + "</p>"), at);
        }

        var list = await (await Public.GetAsync("/v1/articles?limit=100&formats=text")).JsonAsync();
        Assert.That(list.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null), "all articles fit one page");
        _words = list.GetProperty("items").EnumerateArray().ToDictionary(
            a => a.GetProperty("id").GetInt64(),
            a => SearchText.Tokens(SearchText.Normalize(string.Join(' ',
                a.GetProperty("headline").GetString(), a.GetProperty("excerpt").GetString(),
                a.GetProperty("body").GetProperty("text").GetString()))).ToHashSet(StringComparer.Ordinal));
    }

    private static List<string> Words(string text) => SearchText.Tokens(SearchText.Normalize(text));

    /// <summary>Whether the article has every word of the phrase.</summary>
    private bool Contains(long id, string phrase) => Words(phrase).All(_words[id].Contains);

    /// <summary>The articles the pair should find: those with any of its Devanagari spellings.</summary>
    private List<long> Expected(RomanisedPair pair) => [.. _words.Keys.Where(id => pair.Devanagari.Any(d => Contains(id, d)))];

    /// <summary>A hit is right when the article has the Devanagari word, or the romanised word itself in Latin.</summary>
    private bool IsRight(RomanisedPair pair, long id) => pair.Devanagari.Any(d => Contains(id, d)) || Contains(id, pair.Romanised);

    private async Task<List<(long Id, string MatchedBy)>> SearchAsync(string q)
    {
        var response = await Public.GetAsync("/v1/search?limit=100&q=" + Uri.EscapeDataString(q));
        var body = await response.JsonAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, body.ToString());
        Assert.That(body.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{q}: every hit on one page");
        return [.. body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("matchedBy").GetString()!))];
    }

    [Test]
    public void The_list_has_at_least_sixty_pairs_and_every_devanagari_word_is_in_some_article()
    {
        Assert.That(RomanisedPairs.All, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(RomanisedPairs.All.Select(p => p.Romanised), Is.Unique);
        Assert.That(RomanisedPairs.All.Where(p => Expected(p).Count == 0), Is.Empty, "pairs whose Devanagari word no article has");
    }

    [Test]
    public Task Romanised_queries_find_the_devanagari_articles_with_high_recall_and_no_false_match_on_top() =>
        MeasureAsync("Romanised Hindi", RomanisedPairs.All);

    [Test]
    public Task English_loanwords_typed_in_latin_find_their_devanagari_spellings() => MeasureAsync("English loanwords", LoanwordPairs.All);

    [Test]
    public void Every_loanword_is_in_some_article()
    {
        Assert.That(LoanwordPairs.All, Has.Count.GreaterThanOrEqualTo(60));
        Assert.That(LoanwordPairs.All.Select(p => p.Romanised), Is.Unique);
        Assert.That(LoanwordPairs.All.Where(p => Expected(p).Count == 0), Is.Empty, "pairs whose Devanagari word no article has");
    }

    /// <summary>Recall: the pair's query finds every article with its Devanagari word. Precision: no article
    /// without it (nor the Latin word) among the first 3 hits; and, reported, over all hits.</summary>
    private async Task MeasureAsync(string list, IReadOnlyList<RomanisedPair> pairs)
    {
        var recalled = 0;
        var returned = 0;
        var right = 0;
        var cleanTop = 0;
        var misses = new List<string>();
        var falseMatches = new List<string>();
        foreach (var pair in pairs)
        {
            var hits = (await SearchAsync(pair.Romanised)).Select(h => h.Id).ToList();
            var missing = Expected(pair).Except(hits).ToList();
            if (missing.Count == 0) recalled++;
            else misses.Add($"{pair} (missing {missing.Count} of {Expected(pair).Count})");
            returned += hits.Count;
            right += hits.Count(id => IsRight(pair, id));
            if (hits.Take(3).All(id => IsRight(pair, id))) cleanTop++;
            falseMatches.AddRange(hits.Select((id, rank) => (id, rank)).Where(h => !IsRight(pair, h.id)).Select(h => $"{pair}: article {h.id} at {h.rank + 1}"));
        }
        var recall = (double)recalled / pairs.Count;
        var precision = returned == 0 ? 0 : (double)right / returned;
        var top = (double)cleanTop / pairs.Count;
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{list} over {_words.Count} articles: {pairs.Count} pairs; recall {recalled}/{pairs.Count} = {recall:P1}; no false match in top 3 {cleanTop}/{pairs.Count} = {top:P1}; precision of all hits {right}/{returned} = {precision:P1}"));
        foreach (var miss in misses) await TestContext.Out.WriteLineAsync("  miss: " + miss);
        foreach (var wrong in falseMatches) await TestContext.Out.WriteLineAsync("  false match: " + wrong);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(recall, Is.GreaterThanOrEqualTo(0.95), string.Join("; ", misses));
            Assert.That(top, Is.GreaterThanOrEqualTo(0.95), string.Join("; ", falseMatches));
        }
    }

    [Test]
    public async Task Romanised_hits_are_marked_and_ranked_after_the_hits_in_the_script_typed()
    {
        var hits = await SearchAsync("putin");
        var kinds = hits.Select(h => h.MatchedBy).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(kinds, Has.All.AnyOf("text", "romanised"));
            Assert.That(kinds, Does.Contain("text"), "the article that spells Putin in Latin");
            Assert.That(kinds, Does.Contain("romanised"), "the articles that spell पुतिन");
            Assert.That(kinds.SkipWhile(k => k == "text"), Has.All.EqualTo("romanised"), "text hits first, then romanised");
            Assert.That(hits.Where(h => h.MatchedBy == "text").Select(h => h.Id), Has.All.Matches<long>(id => Contains(id, "putin")));
            Assert.That(hits.Where(h => h.MatchedBy == "romanised").Select(h => h.Id), Has.All.Matches<long>(id => Contains(id, "पुतिन")));
        }
    }

    [Test]
    public async Task A_two_word_romanised_query_finds_the_article_with_both_words()
    {
        var hits = await SearchAsync("kim jong");
        var expected = _words.Keys.Where(id => Contains(id, "किम") && Contains(id, "जोंग")).ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(hits, Is.EquivalentTo(expected.Select(id => (id, "romanised"))));
    }

    [Test]
    public async Task A_devanagari_query_is_never_matched_as_romanised()
    {
        foreach (var word in RomanisedPairs.All.SelectMany(p => p.Devanagari).Distinct())
        {
            var hits = await SearchAsync(word);
            Assert.That(hits.Select(h => h.MatchedBy), Has.All.AnyOf("text", "variant"), word);
            Assert.That(hits.TakeWhile(h => h.MatchedBy == "text").Select(h => h.Id), Is.EquivalentTo(_words.Keys.Where(id => Contains(id, word))), word);
            Assert.That(hits.SkipWhile(h => h.MatchedBy == "text").Select(h => h.MatchedBy), Has.All.EqualTo("variant"), word);
        }
    }
}
