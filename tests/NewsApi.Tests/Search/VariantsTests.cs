using NewsApi.Search;

namespace NewsApi.Tests.Search;

/// <summary>Spelling variants fold to one form; different words do not.</summary>
[TestFixture]
public sealed class VariantsTests
{
    private static string Fold(string word) => Variants.Fold(SearchText.Normalize(word));

    [TestCase("गाँव", "गांव")]
    [TestCase("पहुँचे", "पहुंचे")]
    [TestCase("सड़क", "सडक")]
    [TestCase("बाढ़", "बाढ")]
    [TestCase("ज़रूरी", "जरूरी")]
    [TestCase("\u095Bरूरी", "जरूरी")] // precomposed ज़ (U+095B)
    [TestCase("कॉलेज", "कालेज")]
    [TestCase("ऑफिस", "आफिस")]
    [TestCase("हिन्दी", "हिंदी")]
    [TestCase("सम्बन्ध", "संबंध")]
    [TestCase("ट्रम्प", "ट्रंप")]
    [TestCase("ठण्ड", "ठंड")]
    [TestCase("गये", "गए")]
    [TestCase("नयी", "नई")]
    [TestCase("लिये", "लिए")]
    [TestCase("दुःख", "दुख")]
    [TestCase("हिंदू", "हिंदु")]
    [TestCase("मुनीर", "मुनिर")]
    [TestCase("क्\u200Dष", "क्ष")] // a ZWJ inside the conjunct
    public void Variant_spellings_fold_alike(string one, string other) => Assert.That(Fold(one), Is.EqualTo(Fold(other)));

    [TestCase("है", "हे")]
    [TestCase("और", "ओर")]
    [TestCase("जन्म", "जंम")]
    [TestCase("अन्य", "अंय")]
    [TestCase("उन्नति", "उंनति")]
    [TestCase("ध्येय", "ध्एय")]
    [TestCase("शहर", "सहर")]
    [TestCase("ये", "ए")]
    public void Different_words_stay_apart(string one, string other) => Assert.That(Fold(one), Is.Not.EqualTo(Fold(other)));

    [Test]
    public void Latin_and_unchanged_words_fold_to_themselves()
    {
        Assert.That(Fold("drone"), Is.EqualTo("drone"));
        Assert.That(Fold("पुतिन"), Is.EqualTo("पुतिन"));
        Assert.That(Variants.Of(["गाँव", "पुतिन", "drone", "बाढ़", "गाँव"]), Is.EqualTo(new[] { "गांव", "बाढ" }));
    }
}
