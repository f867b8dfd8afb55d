using System.Text;

namespace NewsApi.Text;

public static class Excerpt
{
    public const int MaxCharacters = 160;
    public const string Ellipsis = "…";

    /// <summary>Plain text cut at a word boundary to at most <paramref name="max"/> user-perceived
    /// characters including the appended ellipsis; never ends inside a conjunct or on a virama.</summary>
    public static string From(string plainText, int max = MaxCharacters)
    {
        var text = CollapseWhitespace(plainText);
        var ends = Graphemes.Boundaries(text);
        if (ends.Count <= max) return text;

        var budget = max - 1; // room for the ellipsis
        var limit = ends[budget - 1];
        var cut = -1;
        for (var i = budget - 1; i >= 0; i--)
        {
            var end = ends[i];
            if (end < text.Length && char.IsWhiteSpace(text[end]) && end <= limit)
            {
                cut = end;
                break;
            }
        }
        if (cut <= 0)
        {
            // One word longer than the budget: cut at the last cluster that does not end on a virama
            // (nor on virama + ZWJ/ZWNJ).
            cut = 0;
            for (var i = budget - 1; i >= 0; i--)
            {
                if (!Graphemes.EndsWithLinker(text, ends[i])) { cut = ends[i]; break; }
            }
        }
        return text[..cut].TrimEnd() + Ellipsis;
    }

    public static string CollapseWhitespace(string text)
    {
        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace) sb.Append(' ');
            pendingSpace = false;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
