using System.Text;
using NewsApi.Tests.Infrastructure;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

[TestFixture]
public sealed class GraphemeTests
{
    // Escapes keep invisible characters (ZWJ/ZWNJ, nukta, virama) unambiguous in source.
    private const string Ksha = "\u0915\u094D\u0937";                       // क्ष
    private const string Shri = "\u0936\u094D\u0930\u0940";                 // श्री
    private const string Kshatriya = "\u0915\u094D\u0937\u0924\u094D\u0930\u093F\u092F"; // क्षत्रिय
    private const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"; // 👨‍👩‍👧‍👦

    [TestCase(Ksha, 1, TestName = "Count_ksha_conjunct_is_one_grapheme")]
    [TestCase(Shri, 1, TestName = "Count_shri_conjunct_with_vowel_sign_is_one_grapheme")]
    [TestCase(Kshatriya, 3, TestName = "Count_kshatriya_is_three_graphemes")]
    [TestCase("\u0915\u093F", 1, TestName = "Count_ki_consonant_plus_vowel_sign_is_one_grapheme")]
    [TestCase("\u0926\u094D\u0935\u093E\u0930\u093E", 2, TestName = "Count_dvara_is_two_graphemes")]
    [TestCase("\u0930\u093E\u0937\u094D\u091F\u094D\u0930\u092A\u0924\u093F", 4, TestName = "Count_rashtrapati_is_four_graphemes")]
    [TestCase("\u0915\u094D\u200D\u0937", 1, TestName = "Count_virama_zwj_conjunct_is_one_grapheme")]
    [TestCase("\u0915\u094D\u200C\u0937", 1, TestName = "Count_virama_zwnj_conjunct_is_one_grapheme")]
    [TestCase(Family, 1, TestName = "Count_emoji_family_zwj_sequence_is_one_grapheme")]
    [TestCase("\u0915\u094D \u0937", 3, TestName = "Count_virama_before_a_space_does_not_join_across_it")]
    [TestCase("", 0, TestName = "Count_empty_string_has_no_graphemes")]
    public void Count(string text, int expected)
    {
        Assert.That(Graphemes.Count(text), Is.EqualTo(expected));
    }

    [Test]
    public void Zindagi_with_nukta_is_three_graphemes_in_NFC_and_precomposed()
    {
        const string precomposed = "\u095B\u093F\u0902\u0926\u0917\u0940"; // ज़िंदगी with U+095B
        var nfc = precomposed.Normalize(NormalizationForm.FormC);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(nfc, Is.EqualTo("\u091C\u093C\u093F\u0902\u0926\u0917\u0940"), "U+095B is a composition exclusion: NFC decomposes it");
            Assert.That(Graphemes.Count(nfc), Is.EqualTo(3));
            Assert.That(Graphemes.Count(precomposed), Is.EqualTo(3));
        }
    }

    [Test]
    public void Boundaries_of_kshatriya_are_after_ksha_tri_and_ya()
    {
        Assert.That(Graphemes.Boundaries(Kshatriya), Is.EqualTo(new[] { 3, 7, 8 }));
    }

    [Test]
    public void Boundaries_never_fall_right_after_a_virama_inside_a_word()
    {
        foreach (var paragraph in Seed.Paragraphs)
        {
            var text = paragraph.Normalize(NormalizationForm.FormC);
            foreach (var end in Graphemes.Boundaries(text))
            {
                if (end < text.Length && text[end - 1] == Graphemes.Virama)
                    Assert.That(char.IsLetter(text[end]), Is.False, $"boundary after a virama at {end} in: {text}");
            }
        }
    }
}
