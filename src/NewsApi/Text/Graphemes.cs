using System.Globalization;

namespace NewsApi.Text;

/// <summary>User-perceived characters. .NET's StringInfo lacks UAX #29 rule GB9c, so it splits
/// Indic conjuncts (क्ष comes back as क् + ष); we join a cluster that ends in a virama (optionally
/// followed by ZWJ/ZWNJ) with the consonant cluster after it.</summary>
public static class Graphemes
{
    public const char Virama = '\u094D';

    /// <summary>End offsets (exclusive) of each user-perceived character in <paramref name="text"/>.</summary>
    public static List<int> Boundaries(string text)
    {
        var ends = new List<int>(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var next = i + StringInfo.GetNextTextElementLength(text, i);
            if (ends.Count > 0 && EndsWithLinker(text, ends[^1]) && IsLetter(text, i))
                ends[^1] = next;
            else
                ends.Add(next);
            i = next;
        }
        return ends;
    }

    public static int Count(string text) => Boundaries(text).Count;

    /// <summary>Whether <c>text[..end]</c> ends on a virama, optionally followed by ZWJ/ZWNJ.</summary>
    public static bool EndsWithLinker(string text, int end)
    {
        var j = end - 1;
        while (j >= 0 && text[j] is '\u200D' or '\u200C') j--;
        return j >= 0 && text[j] == Virama;
    }

    private static bool IsLetter(string text, int index) =>
        char.GetUnicodeCategory(text, index) is UnicodeCategory.OtherLetter;
}
