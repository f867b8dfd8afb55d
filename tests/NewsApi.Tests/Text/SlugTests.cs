using System.Text;
using NewsApi.Tests.Infrastructure;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

[TestFixture]
public sealed class SlugTests
{
    private const string Virama = "\u094D";

    [Test]
    public void Hindi_headline_becomes_hyphen_joined_words()
    {
        Assert.That(Slug.From("किम ने पुतिन से बात की"), Is.EqualTo("किम-ने-पुतिन-से-बात-की"));
    }

    [Test]
    public void Seed_headline_drops_curly_quotes()
    {
        var slug = Slug.From(Seed.Headline);
        var expected = string.Join('-', Seed.Headline.Replace("‘", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)).Normalize(NormalizationForm.FormC);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Seed.Headline, Does.Contain("‘"), "seed headline has quotes");
            Assert.That(slug, Is.EqualTo(expected));
            Assert.That(slug, Does.Not.Contain("‘").And.Not.Contain("’"));
            Assert.That(slug, Does.Contain("-पूर्ण-समर्थन-जताया"));
            Assert.That(Slug.IsValid(slug), Is.True);
        }
    }

    [TestCase("मोदी ने कहा: भारत तैयार है।", "मोदी-ने-कहा-भारत-तैयार-है")]
    [TestCase("सियोल, 13 अगस्त।", "सियोल-13-अगस्त")]
    [TestCase("पहला। दूसरा॥ तीसरा", "पहला-दूसरा-तीसरा")]
    [TestCase("Kim Jong-Un MEETS Putin", "kim-jong-un-meets-putin")]
    [TestCase("IANS: किम — पुतिन", "ians-किम-पुतिन")]
    [TestCase("İSTANBUL ℂ Ǆ", "istanbul-c-dž")]
    [TestCase("cafe\u200D\u0301", "café")]
    [TestCase("  --किम--ने--  ", "किम-ने")]
    [TestCase("२०२५ में ज़िंदगी", "२०२५-में-ज़िंदगी")]
    public void Punctuation_is_removed_and_latin_lower_cased(string headline, string expected)
    {
        Assert.That(Slug.From(headline), Is.EqualTo(expected.Normalize(NormalizationForm.FormC)));
    }

    [Test]
    public void Zwj_and_zwnj_are_dropped()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Slug.From("\u0915\u094D\u200D\u0937 \u0915\u094D\u200C\u0937"), Is.EqualTo("\u0915\u094D\u0937-\u0915\u094D\u0937"));
            Assert.That(Slug.From("a\u00ADb"), Is.EqualTo("ab"), "soft hyphen dropped");
        }
    }

    [Test]
    public void Precomposed_nukta_is_normalised_to_NFC()
    {
        var slug = Slug.From("\u095B\u093F\u0902\u0926\u0917\u0940"); // ज़िंदगी with U+095B
        using (Assert.EnterMultipleScope())
        {
            Assert.That(slug, Is.EqualTo("\u091C\u093C\u093F\u0902\u0926\u0917\u0940"));
            Assert.That(Slug.IsValid(slug), Is.True);
        }
    }

    [TestCase("‘’।,:—!?…")]
    [TestCase("   ")]
    [TestCase("")]
    [TestCase("\u200D\u200C")]
    [TestCase("\u094D\u093F")] // marks with no base
    public void Input_without_letters_gives_article(string headline)
    {
        Assert.That(Slug.From(headline), Is.EqualTo("article"));
    }

    private static IEnumerable<TestCaseData> LongHeadlines()
    {
        var words = new[] { "राष्ट्रपति", "क्षत्रिय", "जगत्", "श्री", "द्वारा", "विद्वान्", "ज़िंदगी" };
        for (var pad = 0; pad < 12; pad++)
        {
            var sb = new StringBuilder(new string('क', pad));
            for (var i = 0; sb.Length < 300; i++) sb.Append(' ').Append(words[i % words.Length]);
            yield return new TestCaseData(sb.ToString()).SetArgDisplayNames($"words pad {pad}");
            // One word with no separators: the cut can only be by length.
            yield return new TestCaseData(new string('क', pad) + string.Concat(Enumerable.Repeat("जगत्क्ष", 30))).SetArgDisplayNames($"one word pad {pad}");
        }
        yield return new TestCaseData(string.Join(' ', Enumerable.Repeat(Seed.Headline, 3))).SetArgDisplayNames("seed headline x3");
    }

    [TestCaseSource(nameof(LongHeadlines))]
    public void Long_headline_is_cut_to_120_without_trailing_hyphen_or_virama(string headline)
    {
        var slug = Slug.From(headline);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(slug, Has.Length.LessThanOrEqualTo(Slug.MaxLength).And.Length.GreaterThan(60));
            Assert.That(slug, Does.Not.EndWith("-"));
            Assert.That(slug, Does.Not.EndWith(Virama));
            Assert.That(Slug.IsValid(slug), Is.True, slug);
        }
    }

    [Test]
    public void Long_headline_is_cut_at_a_word_boundary()
    {
        var headline = string.Join(' ', Enumerable.Repeat("राष्ट्रपति", 20)); // 10 chars a word
        var slug = Slug.From(headline);
        Assert.That(slug, Is.EqualTo(string.Join('-', Enumerable.Repeat("राष्ट्रपति", 11)))); // 11 × 10 + 10 hyphens = 120
    }

    [TestCase("किम-ने-पुतिन-से-बात-की")]
    [TestCase("kim-jong-un")]
    [TestCase("putin-2025")]
    [TestCase("२०२५-सियोल")]
    [TestCase("\u091C\u093C\u093F\u0902\u0926\u0917\u0940")] // ज़िंदगी, NFC
    [TestCase("a")]
    public void IsValid_accepts(string slug)
    {
        Assert.That(Slug.IsValid(slug), Is.True);
    }

    [TestCase("", TestName = "IsValid_rejects_empty")]
    [TestCase("Kim-Putin", TestName = "IsValid_rejects_uppercase")]
    [TestCase("किम ने", TestName = "IsValid_rejects_space")]
    [TestCase("किम--ने", TestName = "IsValid_rejects_double_hyphen")]
    [TestCase("-किम", TestName = "IsValid_rejects_leading_hyphen")]
    [TestCase("किम-", TestName = "IsValid_rejects_trailing_hyphen")]
    [TestCase("किम।", TestName = "IsValid_rejects_danda")]
    [TestCase("किम_ने", TestName = "IsValid_rejects_underscore")]
    [TestCase("\u095B\u093F\u0902\u0926\u0917\u0940", TestName = "IsValid_rejects_non_NFC")]
    [TestCase("\u0915\u094D\u200D\u0937", TestName = "IsValid_rejects_zwj")]
    public void IsValid_rejects(string slug)
    {
        Assert.That(Slug.IsValid(slug), Is.False);
    }

    [Test]
    public void IsValid_rejects_more_than_120_chars()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Slug.IsValid(new string('a', Slug.MaxLength)), Is.True);
            Assert.That(Slug.IsValid(new string('a', Slug.MaxLength + 1)), Is.False);
            Assert.That(Slug.IsValid(new string('क', Slug.MaxLength + 1)), Is.False);
        }
    }

    private static IEnumerable<string> AssortedInputs()
    {
        yield return Seed.Headline;
        foreach (var p in Seed.Paragraphs) yield return p;
        yield return "किम ने पुतिन से बात की";
        yield return "Kim Jong-Un MEETS Putin!!!";
        yield return "Ǆemal ǅ İstanbul ΣΊΣΥΦΟΣ";
        yield return "e\u200D\u0301 cafe\u0301";        // ZWJ between base and combining mark
        yield return "\u0915\u200D\u093C\u093F";          // ZWJ between consonant and nukta
        yield return "👨‍👩‍👧 परिवार 🇮🇳 भारत";
        yield return "१२३ ½ Ⅻ ²";
        yield return "‘पूर्ण समर्थन’";
        yield return "\u0915\u094D \u0937";
        yield return "x " + string.Concat(Enumerable.Repeat("\u0915\u094D", 100));
        foreach (var s in LongHeadlines()) yield return (string)s.Arguments[0]!;
    }

    [Test]
    public void Every_From_output_IsValid()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var input in AssortedInputs())
            {
                var slug = Slug.From(input);
                Assert.That(Slug.IsValid(slug), Is.True, $"From({input}) = {slug}");
            }
        }
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(1000)]
    [TestCase(int.MaxValue)]
    public void WithSuffix_stays_within_120_and_valid(int n)
    {
        var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (Assert.EnterMultipleScope())
        {
            foreach (var input in AssortedInputs())
            {
                var slug = Slug.From(input);
                var withSuffix = Slug.WithSuffix(slug, n);
                Assert.That(withSuffix, Has.Length.LessThanOrEqualTo(Slug.MaxLength), slug);
                Assert.That(withSuffix, Does.EndWith(suffix));
                Assert.That(withSuffix, Does.Not.Contain("--"));
                Assert.That(Slug.IsValid(withSuffix), Is.True, withSuffix);
                if (slug.Length + suffix.Length <= Slug.MaxLength)
                    Assert.That(withSuffix, Is.EqualTo(slug + suffix));
            }
        }
    }
}
