using System.Text;
using NewsApi.Tests.Infrastructure;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

[TestFixture]
public sealed class ExcerptTests
{
    private const int MinMax = 10;
    private const int MaxMax = 170;

    // Conjunct-heavy words; escapes keep invisible characters unambiguous.
    private static readonly string[] ConjunctWords =
    [
        "\u0915\u094D\u0937\u0924\u094D\u0930\u093F\u092F",                        // क्षत्रिय
        "\u0936\u094D\u0930\u0940",                                                // श्री
        "\u0926\u094D\u0935\u093E\u0930\u093E",                                    // द्वारा
        "\u0930\u093E\u0937\u094D\u091F\u094D\u0930\u092A\u0924\u093F",            // राष्ट्रपति
        "\u091C\u093C\u093F\u0902\u0926\u0917\u0940",                              // ज़िंदगी (NFC, decomposed nukta)
        "\u0915\u094D\u200D\u0937",                                                // क्‍ष (ZWJ)
        "\u0915\u094D\u200C\u0937",                                                // क्‌ष (ZWNJ)
        "\u0938\u0941\u0930\u0915\u094D\u0937\u093E",                              // सुरक्षा
    ];

    private static string Repeat(string separator, int minGraphemes, int rotate = 0)
    {
        var sb = new StringBuilder();
        for (var i = 0; Graphemes.Count(sb.ToString()) <= minGraphemes; i++)
        {
            if (sb.Length > 0) sb.Append(separator);
            sb.Append(ConjunctWords[(i + rotate) % ConjunctWords.Length]);
        }
        return sb.ToString();
    }

    private static IEnumerable<TestCaseData> Texts()
    {
        var body = Seed.Paragraphs;
        for (var i = 0; i < body.Count; i++)
            yield return new TestCaseData(body[i]).SetArgDisplayNames($"seed paragraph {i + 1}");
        yield return new TestCaseData(string.Join("\n\n", body)).SetArgDisplayNames("seed body joined");
        yield return new TestCaseData(Seed.Headline).SetArgDisplayNames("seed headline");
        for (var rotate = 0; rotate < ConjunctWords.Length; rotate++)
            yield return new TestCaseData(Repeat(" ", 200, rotate)).SetArgDisplayNames($"conjunct words rotated {rotate}");
        yield return new TestCaseData(Repeat(" \n\t  ", 200)).SetArgDisplayNames("conjunct words messy whitespace");
        foreach (var word in ConjunctWords)
            yield return new TestCaseData(string.Join(' ', Enumerable.Repeat(word, 60))).SetArgDisplayNames($"one conjunct word repeated U+{(int)word[0]:X4}x{word.Length}");
    }

    [TestCaseSource(nameof(Texts))]
    public void Excerpt_is_cut_at_a_word_boundary_never_after_a_virama_for_every_max(string text)
    {
        using (Assert.EnterMultipleScope())
        {
            for (var max = MinMax; max <= MaxMax; max++)
                AssertWellFormed(text, max);
            AssertWellFormed(text, Excerpt.MaxCharacters);
            Assert.That(Excerpt.From(text), Is.EqualTo(Excerpt.From(text, Excerpt.MaxCharacters)), "default max is 160");
        }
    }

    [Test]
    public void Seed_body_excerpt_is_cut_and_at_most_160_graphemes()
    {
        var excerpt = Excerpt.From(string.Join("\n\n", Seed.Paragraphs));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(excerpt, Does.EndWith(Excerpt.Ellipsis));
            Assert.That(Graphemes.Count(excerpt), Is.InRange(100, Excerpt.MaxCharacters));
            Assert.That(excerpt, Does.StartWith(Excerpt.CollapseWhitespace(Seed.Paragraphs[0])[..40]));
        }
    }

    [Test]
    public void Short_text_is_returned_whitespace_collapsed_without_ellipsis()
    {
        Assert.That(Excerpt.From("  किम ने\n\nपुतिन   से\tबात की  "), Is.EqualTo("किम ने पुतिन से बात की"));
    }

    [Test]
    public void Text_of_exactly_max_graphemes_is_not_cut()
    {
        var text = string.Concat(Enumerable.Repeat("\u0915\u094D\u0937", 20)); // क्ष × 20 = 20 graphemes, 60 chars
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Excerpt.From(text, 20), Is.EqualTo(text));
            Assert.That(Excerpt.From(text, 19), Does.EndWith(Excerpt.Ellipsis));
        }
    }

    [Test]
    public void Conjunct_heavy_text_counts_graphemes_not_chars()
    {
        // 30 × "क्षत्रिय " is 270 chars but 120 graphemes: it fits in 160 untouched.
        var text = string.Join(' ', Enumerable.Repeat(ConjunctWords[0], 30));
        Assert.That(text, Has.Length.GreaterThan(Excerpt.MaxCharacters));
        Assert.That(Excerpt.From(text), Is.EqualTo(text));
    }

    [TestCase("\u0915\u094D\u0937\u0924\u094D\u0930\u093F\u092F")]
    [TestCase("\u0930\u093E\u0937\u094D\u091F\u094D\u0930\u092A\u0924\u093F")]
    [TestCase("\u0915\u094D\u200D\u0937\u0926\u094D\u0935\u093E\u0930\u093E")]
    [TestCase("\u0915\u094D\u200C\u0937\u0936\u094D\u0930\u0940")]
    [TestCase("\u091C\u0917\u0924\u094D\u0964")]        // जगत्। — the halant cluster before a danda does end in a virama
    [TestCase("\u091C\u0917\u0924\u094D\u200D\u0964")] // जगत्‍। — halant + ZWJ before a danda
    [TestCase("\u0935\u093F\u0926\u094D\u0935\u093E\u0928\u094D,")] // विद्वान्,
    public void Single_overlong_word_is_cut_at_a_cluster_boundary_not_ending_in_a_virama(string word)
    {
        var text = string.Concat(Enumerable.Repeat(word, 200));
        var boundaries = Graphemes.Boundaries(text);
        var someClusterEndsOnVirama = boundaries.Exists(end => EndsOnVirama(text[..end]));
        using (Assert.EnterMultipleScope())
        {
            for (var max = 2; max <= MaxMax; max++)
            {
                var excerpt = Excerpt.From(text, max);
                var head = excerpt[..^Excerpt.Ellipsis.Length];
                Assert.That(excerpt, Does.EndWith(Excerpt.Ellipsis), $"max {max}");
                Assert.That(text.StartsWith(head, StringComparison.Ordinal), Is.True, $"max {max}: prefix");
                Assert.That(boundaries, Does.Contain(head.Length), $"max {max}: cut inside a cluster");
                Assert.That(EndsOnVirama(head), Is.False, $"max {max}: ends on a virama: {head}");
                if (someClusterEndsOnVirama)
                    Assert.That(Graphemes.Count(excerpt), Is.InRange(max - 1, max), $"max {max}: at most one cluster given up");
                else
                    Assert.That(Graphemes.Count(excerpt), Is.EqualTo(max), $"max {max}: no cluster ends in a virama, so the budget is used fully");
            }
        }
    }

    [Test]
    public void Long_first_word_followed_by_spaces_still_fits()
    {
        var text = string.Concat(Enumerable.Repeat("\u0915\u094D\u0937", 50)) + " \u0915\u093F\u092E";
        var excerpt = Excerpt.From(text, 20);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(excerpt, Does.EndWith(Excerpt.Ellipsis));
            Assert.That(Graphemes.Count(excerpt), Is.EqualTo(20));
            Assert.That(EndsOnVirama(excerpt[..^1]), Is.False);
        }
    }

    private static bool EndsOnVirama(string s)
    {
        var t = s.TrimEnd('\u200D', '\u200C');
        return t.Length > 0 && t[^1] == Graphemes.Virama;
    }

    private static void AssertWellFormed(string text, int max)
    {
        var collapsed = Excerpt.CollapseWhitespace(text);
        var excerpt = Excerpt.From(text, max);
        var where = $"max {max}";

        if (Graphemes.Count(collapsed) <= max)
        {
            Assert.That(excerpt, Is.EqualTo(collapsed), $"{where}: fits, so returned whole");
            Assert.That(excerpt, Does.Not.Contain(Excerpt.Ellipsis), where);
            return;
        }

        Assert.That(excerpt, Does.EndWith(Excerpt.Ellipsis), $"{where}: cut, so ends with …");
        Assert.That(Graphemes.Count(excerpt), Is.LessThanOrEqualTo(max), $"{where}: grapheme count of {excerpt}");
        var head = excerpt[..^Excerpt.Ellipsis.Length];
        Assert.That(head, Is.Not.Empty, where);
        Assert.That(collapsed.StartsWith(head, StringComparison.Ordinal), Is.True, $"{where}: not a prefix: {head}");
        Assert.That(head.Length, Is.LessThan(collapsed.Length), where);
        Assert.That(EndsOnVirama(head), Is.False, $"{where}: ends on a virama: {head}");
        Assert.That(head[^1] is '\u200D' or '\u200C' || char.IsWhiteSpace(head[^1]), Is.False, $"{where}: ends on ZWJ/ZWNJ/space: {head}");

        var firstSpace = collapsed.IndexOf(' ', StringComparison.Ordinal);
        var firstWordFits = firstSpace > 0 && Graphemes.Count(collapsed[..firstSpace]) <= max - 1;
        if (firstWordFits)
        {
            Assert.That(char.IsWhiteSpace(collapsed[head.Length]), Is.True, $"{where}: not cut at a word boundary: {head}|{collapsed[head.Length..]}");
            // And it is the last word boundary that fits: one more word would not.
            var nextSpace = collapsed.IndexOf(' ', head.Length + 1);
            var longer = nextSpace < 0 ? collapsed : collapsed[..nextSpace];
            Assert.That(Graphemes.Count(longer) + 1, Is.GreaterThan(max), $"{where}: cut earlier than needed: {head}");
        }
        else
        {
            Assert.That(Graphemes.Boundaries(collapsed), Does.Contain(head.Length), $"{where}: cut inside a cluster");
        }
    }
}
