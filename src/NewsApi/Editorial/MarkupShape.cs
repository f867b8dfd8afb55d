namespace NewsApi.Editorial;

/// <summary>How many elements a piece of HTML has and how deep its blocks nest, read in one linear scan
/// of the text before it is parsed. Both are upper bounds of what the parser builds (a tag inside a
/// comment or script counts too), except that tags that close themselves (<c>p</c>, <c>li</c>,
/// <c>&lt;path/&gt;</c>) do not count towards depth; the copy after parsing checks the real depth.
/// Formatting tags left open do count: the parser reopens every open one at each new paragraph, so
/// thousands of them cost it the square of their number.</summary>
internal static class MarkupShape
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        // closed by the next of their kind
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "thead", "tbody", "tfoot",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNestingByName = NotNesting.GetAlternateLookup<ReadOnlySpan<char>>();

    public static (int Elements, int Depth) Measure(string html)
    {
        int elements = 0, depth = 0, deepest = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) break;
                i = end + 3;
                continue;
            }
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var nameEnd = start;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            if (nameEnd == start || !char.IsAsciiLetter(html[start]))
            {
                i++;
                continue;
            }
            var tagEnd = html.IndexOf('>', nameEnd);
            var selfClosing = tagEnd > 0 && html[tagEnd - 1] == '/';
            var nesting = !selfClosing && !NotNestingByName.Contains(html.AsSpan(start, nameEnd - start));
            if (closing)
            {
                if (nesting && depth > 0) depth--;
            }
            else
            {
                elements++;
                if (nesting) deepest = Math.Max(deepest, ++depth);
            }
            i = tagEnd < 0 ? html.Length : tagEnd + 1;
        }
        return (elements, deepest);
    }
}
