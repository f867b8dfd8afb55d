using NewsApi.Search;

namespace NewsApi.Tests.Search;

/// <summary>Phonetic keys: a romanised spelling and the Devanagari word it spells share a key; different words do not.</summary>
[TestFixture]
public sealed class RomanizerTests
{
    private static string? Key(string word) => Romanizer.Key(SearchText.Normalize(word));

    [TestCase("putin", "पुतिन")]
    [TestCase("Putin", "पुतिन")]
    [TestCase("trump", "ट्रंप")]
    [TestCase("modi", "मोदी")]
    [TestCase("bhukamp", "भूकंप")]
    [TestCase("bhookamp", "भूकंप")]
    [TestCase("roos", "रूस")]
    [TestCase("turkey", "तुर्की")]
    [TestCase("hockey", "हॉकी")]
    [TestCase("moscow", "मॉस्को")]
    [TestCase("owaisi", "ओवैसी")]
    [TestCase("korea", "कोरिया")]
    [TestCase("seoul", "सियोल")]
    [TestCase("baatcheet", "बातचीत")]
    [TestCase("batchit", "बातचीत")]
    [TestCase("samjhauta", "समझौता")]
    [TestCase("sahyog", "सहयोग")]
    [TestCase("somvar", "सोमवार")]
    [TestCase("samvad", "संवाद")]
    [TestCase("sampark", "संपर्क")]
    [TestCase("sainya", "सैन्य")]
    [TestCase("bhavishya", "भविष्य")]
    [TestCase("kendriya", "केंद्रीय")]
    [TestCase("samay", "समय")]
    [TestCase("army", "आर्मी")]
    [TestCase("gaye", "गए")]
    [TestCase("kiye", "किए")]
    [TestCase("jayega", "जाएगा")]
    [TestCase("pehle", "पहले")]
    [TestCase("singh", "सिंह")]
    [TestCase("gaon", "गांव")]
    [TestCase("bazaar", "बाज़ार")]
    [TestCase("bazar", "बाज़ार")]
    [TestCase("mulaqat", "मुलाकात")]
    [TestCase("sensex", "सेंसेक्स")]
    [TestCase("cricket", "क्रिकेट")]
    public void A_romanised_spelling_has_the_key_of_the_devanagari_word(string romanised, string devanagari)
    {
        Assert.That(Key(romanised), Is.Not.Null.And.EqualTo(Key(devanagari)));
    }

    [TestCase("पत्नी", "पुतिन")]
    [TestCase("कुम", "किम")]
    [TestCase("उत्तर", "तरह")]
    [TestCase("हत्या", "हूती")]
    [TestCase("किया", "की")]
    [TestCase("सेना", "सैन्य")]
    [TestCase("हमला", "हमले")]
    [TestCase("रूस", "रूसी")]
    public void Different_words_have_different_keys(string one, string other)
    {
        Assert.That(Key(one), Is.Not.EqualTo(Key(other)));
    }

    [TestCase("\u0958", "\u0915\u093C")]
    [TestCase("\u095B", "\u091C\u093C")]
    public void Nukta_precomposed_or_decomposed_gives_one_key(string precomposed, string decomposed)
    {
        Assert.That(Key(precomposed), Is.EqualTo(Key(decomposed)));
    }

    [TestCase("सोमवार", "somvar")]
    [TestCase("सहयोग", "sahyog")]
    [TestCase("अपहरण", "apahran")]
    [TestCase("भूकंप", "bhukanp")]
    [TestCase("सैन्य", "senya")]
    [TestCase("समय", "samay")]
    [TestCase("पुतिन", "putin")]
    public void Transliteration_drops_the_schwa_where_hindi_does(string devanagari, string latin)
    {
        Assert.That(Romanizer.Transliterate(SearchText.Normalize(devanagari)), Is.EqualTo(latin));
    }

    [Test]
    public void Words_without_letters_have_no_key()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Key("2025"), Is.Null);
            Assert.That(Key("।"), Is.Null);
        }
    }
}
