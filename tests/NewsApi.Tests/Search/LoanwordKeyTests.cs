using NewsApi.Search;

namespace NewsApi.Tests.Search;

/// <summary>The English respellings of a Latin word meet the key stored for its Devanagari spelling.</summary>
[TestFixture]
public sealed class LoanwordKeyTests
{
    private static bool Meets(string latin, string devanagari)
    {
        var stored = Romanizer.Key(SearchText.Normalize(devanagari));
        return stored == Romanizer.Key(latin) || Loanwords.Keys(latin).Contains(stored);
    }

    [TestCase("drone", "ड्रोन")]
    [TestCase("brigade", "ब्रिगेड")]
    [TestCase("station", "स्टेशन")]
    [TestCase("liberation", "लिबरेशन")]
    [TestCase("washington", "वाशिंगटन")]
    [TestCase("computer", "कंप्यूटर")]
    [TestCase("police", "पुलिस")]
    [TestCase("college", "कॉलेज")]
    [TestCase("vaccine", "वैक्सीन")]
    [TestCase("mobile", "मोबाइल")]
    public void An_english_word_meets_its_devanagari_spelling(string latin, string devanagari) =>
        Assert.That(Meets(latin, devanagari), Is.True, $"{latin}: {string.Join(",", Loanwords.Keys(latin))} vs {Romanizer.Key(SearchText.Normalize(devanagari))}");

    [TestCase("station", "सेना")]
    [TestCase("drone", "दूर")]
    [TestCase("police", "पल")]
    public void An_english_word_does_not_meet_an_unrelated_hindi_word(string latin, string devanagari) =>
        Assert.That(Meets(latin, devanagari), Is.False);

    [Test]
    public void Short_words_and_devanagari_have_no_loanword_keys()
    {
        Assert.That(Loanwords.Keys("bus"), Is.Empty);
        Assert.That(Loanwords.Keys("ड्रोन"), Is.Empty);
        Assert.That(Loanwords.Keys("g20x"), Is.Empty);
    }

    [Test]
    public void The_list_of_pairs_measures_the_keys()
    {
        var misses = LoanwordPairs.All.Where(p => !p.Devanagari.Any(d => Meets(p.Romanised, d))).Select(p => p.ToString()).ToList();
        TestContext.Out.WriteLine($"loanword keys: {LoanwordPairs.All.Count - misses.Count}/{LoanwordPairs.All.Count} meet; misses: {string.Join("; ", misses)}");
        Assert.That(misses.Count, Is.LessThanOrEqualTo(LoanwordPairs.All.Count / 20), string.Join("; ", misses));
    }
}
