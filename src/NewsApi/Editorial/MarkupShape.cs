namespace NewsApi.Editorial;

/// <summary>How many elements a piece of HTML has, how deep its blocks nest and how many formatting tags
/// it leaves open, read in one linear scan of the text before it is parsed, following the HTML
/// tokenizer's rules where they matter: comments end at <c>--&gt;</c>, <c>--!&gt;</c> or right away
/// (<c>&lt;!--&gt;</c>); <c>/&gt;</c> closes only SVG and MathML tags; an end tag closes the nearest open
/// element of its name and everything opened inside it; raw text (script, style…) holds no tags.
/// Void elements do not nest; a new <c>p</c> or <c>li</c> closes the open one. Formatting tags left open
/// (<c>&lt;b id=1&gt;</c>) are counted apart: the parser reopens every open one in each new paragraph,
/// so a few dozen cost it the square of the paragraphs; like the parser, it keeps at most three
/// identical ones.</summary>
internal static class MarkupShape
{
    private static readonly HashSet<string> NotNesting = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "keygen", "param",
    };

    /// <summary>Closed by the next of their kind: a new one closes the open one and all inside it.</summary>
    private static readonly HashSet<string> ClosedByNext = new(StringComparer.OrdinalIgnoreCase)
        { "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rp", "thead", "tbody", "tfoot" };

    private static readonly HashSet<string> Formatting = new(StringComparer.OrdinalIgnoreCase)
        { "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u" };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes" };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> NotNestingByName = NotNesting.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ClosedByNextByName = ClosedByNext.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FormattingByName = Formatting.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> RawTextByName = RawText.GetAlternateLookup<ReadOnlySpan<char>>();

    public readonly record struct Shape(int Elements, int Depth, int OpenFormatting);

    /// <summary>Stops early, with what it has counted so far, as soon as a count passes its limit.</summary>
    public static Shape Measure(string html, BodyLimits limits)
    {
        var open = new List<string>();
        var formatting = new Dictionary<string, int>(StringComparer.Ordinal);
        int elements = 0, deepest = 0, openFormatting = 0, foreign = 0, i = 0;
        while ((i = html.IndexOf('<', i)) >= 0 && i + 1 < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                i = CommentEnd(html, i + 4);
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
            var name = html.AsSpan(start, nameEnd - start);
            var tagEnd = html.IndexOf('>', nameEnd);
            if (tagEnd < 0) break;
            var next = tagEnd + 1;
            var isForeignRoot = name.Equals("svg", StringComparison.OrdinalIgnoreCase) || name.Equals("math", StringComparison.OrdinalIgnoreCase);
            if (closing)
            {
                if (isForeignRoot && foreign > 0) foreign--;
                if (FormattingByName.Contains(name)) openFormatting -= Close(formatting, name);
                else CloseNesting(open, name);
            }
            else
            {
                elements++;
                var selfClosing = (foreign > 0 || isForeignRoot) && html[tagEnd - 1] == '/';
                if (isForeignRoot && !selfClosing) foreign++;
                if (FormattingByName.Contains(name)) openFormatting += Open(formatting, html.AsSpan(i, next - i));
                else if (!selfClosing && !NotNestingByName.Contains(name))
                {
                    if (ClosedByNextByName.Contains(name)) CloseNesting(open, name);
                    open.Add(name.ToString().ToLowerInvariant());
                    deepest = Math.Max(deepest, open.Count);
                }
                if (RawTextByName.Contains(name) && foreign == 0)
                {
                    // Its content is text up to its own end tag.
                    var end = html.IndexOf("</" + name.ToString(), next, StringComparison.OrdinalIgnoreCase);
                    open.RemoveAt(open.Count - 1);
                    next = end < 0 ? html.Length : end;
                }
                if (name.Equals("plaintext", StringComparison.OrdinalIgnoreCase)) break;
            }
            if (elements > limits.MaxElements || deepest > limits.MaxDepth || openFormatting > limits.MaxOpenFormatting) break;
            i = next;
        }
        return new Shape(elements, deepest, openFormatting);
    }

    /// <summary>Where a comment that starts at <paramref name="from"/> (after <c>&lt;!--</c>) ends.</summary>
    private static int CommentEnd(string html, int from)
    {
        if (from < html.Length && html[from] == '>') return from + 1;
        if (html.AsSpan(from).StartsWith("->")) return from + 2;
        for (var k = html.IndexOf("--", from, StringComparison.Ordinal); k >= 0; k = html.IndexOf("--", k + 1, StringComparison.Ordinal))
        {
            if (k + 2 < html.Length && html[k + 2] == '>') return k + 3;
            if (k + 3 < html.Length && html[k + 2] == '!' && html[k + 3] == '>') return k + 4;
        }
        return html.Length;
    }

    /// <summary>Counts an open formatting tag: the parser keeps at most three identical ones.</summary>
    private static int Open(Dictionary<string, int> formatting, ReadOnlySpan<char> tag)
    {
        var key = tag.ToString().ToLowerInvariant();
        var count = formatting.GetValueOrDefault(key);
        formatting[key] = count + 1;
        return count < 3 ? 1 : 0;
    }

    /// <summary>An end tag closes the newest open formatting tag of its name.</summary>
    private static int Close(Dictionary<string, int> formatting, ReadOnlySpan<char> name)
    {
        foreach (var (key, count) in formatting)
        {
            if (count == 0 || !key.AsSpan(1).StartsWith(name, StringComparison.OrdinalIgnoreCase)) continue;
            var rest = key.AsSpan(1 + name.Length);
            if (rest.Length > 0 && char.IsAsciiLetterOrDigit(rest[0])) continue;
            if (count == 1) formatting.Remove(key);
            else formatting[key] = count - 1;
            return count <= 3 ? 1 : 0;
        }
        return 0;
    }

    /// <summary>An end tag closes the nearest open element of its name and all opened inside it; one with
    /// no open element of its name is ignored, as the parser ignores it.</summary>
    private static void CloseNesting(List<string> open, ReadOnlySpan<char> name)
    {
        for (var k = open.Count - 1; k >= 0; k--)
        {
            if (!open[k].AsSpan().Equals(name, StringComparison.OrdinalIgnoreCase)) continue;
            open.RemoveRange(k, open.Count - k);
            return;
        }
    }
}
