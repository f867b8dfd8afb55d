using NewsApi.Search;

namespace NewsApi.Tests.Search;

/// <summary>Which passes a query makes, in which order.</summary>
[TestFixture]
public sealed class SearchQueryTests
{
    private static List<string> Tiers(string q) => [.. SearchQuery.Parse(q)!.Tiers.Select(t => t.MatchedBy + (t.Fallback ? "?" : ""))];

    [Test]
    public void A_devanagari_query_searches_its_spelling_then_its_variants_never_romanised() =>
        Assert.That(Tiers("गाँव की सड़क"), Is.EqualTo(new[] { "text", "variant" }));

    [Test]
    public void A_romanised_hindi_word_tries_loanword_respellings_only_when_its_key_found_nothing() =>
        Assert.That(Tiers("sena"), Is.EqualTo(new[] { "text", "romanised", "romanised?" }));

    [Test]
    public void A_word_spelt_the_english_way_tries_its_respellings_first()
    {
        var query = SearchQuery.Parse("liberation")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Tiers("liberation"), Is.EqualTo(new[] { "text", "romanised", "romanised" }));
            Assert.That(query.Tiers[1].Terms, Does.Contain(Romanizer.Key(SearchText.Normalize("लिबरेशन"))));
            Assert.That(query.Tiers[2].Terms, Is.EqualTo(new[] { Romanizer.Key("liberation") }), "then the Hindi key alone");
        }
    }

    [Test]
    public void Long_latin_queries_skip_the_respellings() =>
        Assert.That(Tiers("drone attack near the station"), Is.EqualTo(new[] { "text", "romanised" }));

    [Test]
    public void Quotes_and_operators_stay_text()
    {
        var query = SearchQuery.Parse("\"ड्रोन\" OR NEAR(x)")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(query.Tokens, Is.EqualTo(new[] { "ड्रोन", "or", "near", "x" }));
            Assert.That(query.Tiers[0].Match, Is.EqualTo("{headline excerpt body} : (\"ड्रोन\" \"or\" \"near\" \"x\")"), "every word a quoted phrase");
        }
    }
}
