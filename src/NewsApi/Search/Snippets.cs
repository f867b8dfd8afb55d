using System.Text;

namespace NewsApi.Search;

/// <summary>Builds a highlighted, HTML-escaped snippet from original text.</summary>
public static class Snippets
{
    public const int Words = 24;
    private const int Lead = 6;

    private readonly record struct Word(int Start, int End, string? Match);

    /// <param name="texts">Candidate texts, in order of preference when they match equally well.</param>
    /// <param name="match">For a normalised word: the query term it matches, or null.</param>
    public static string Build(IReadOnlyList<string> texts, Func<string, string?> match) => Build(texts, match, new Dictionary<string, string?>(StringComparer.Ordinal));

    /// <param name="seen">What each raw word matched, shared across the hits of one page: most words repeat,
    /// and normalising every word of every body again was most of a search's time.</param>
    public static string Build(IReadOnlyList<string> texts, Func<string, string?> match, Dictionary<string, string?> seen)
    {
        (string Text, List<Word> Words, int Start, int Distinct, int Total)? best = null;
        foreach (var text in texts)
        {
            if (string.IsNullOrWhiteSpace(text)) continue;
            var words = Split(text, match, seen);
            var (start, distinct, total) = BestWindow(words);
            if (best is null || distinct > best.Value.Distinct || (distinct == best.Value.Distinct && total > best.Value.Total))
                best = (text, words, start, distinct, total);
        }
        if (best is null) return "";
        // Nothing matched anywhere (a hit whose words are all in a field not shown): the start of the excerpt.
        var (bestText, bestWords, bestStart, bestDistinct, _) = best.Value;
        if (bestDistinct == 0 && texts.Count > 1 && !string.IsNullOrWhiteSpace(texts[1]))
        {
            bestText = texts[1];
            bestWords = Split(bestText, match, seen);
            bestStart = 0;
        }
        return Render(bestText, bestWords, bestStart);
    }

    /// <summary>Words as the index sees them (<see cref="SearchText.Tokens"/> of the normalised text), with their
    /// place in the original: the characters normalisation removes (joiners) stay inside their word.</summary>
    private static List<Word> Split(string text, Func<string, string?> match, Dictionary<string, string?> seen)
    {
        var words = new List<Word>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (SearchText.IsWordChar(text[i]) || (start >= 0 && SearchText.IsIgnorable(text[i])));
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var end = i;
                while (end > start && SearchText.IsIgnorable(text[end - 1])) end--;
                var raw = text[start..end];
                if (!seen.TryGetValue(raw, out var matched))
                {
                    foreach (var token in SearchText.Tokens(SearchText.Normalize(raw))) matched ??= match(token);
                    seen[raw] = matched;
                }
                words.Add(new Word(start, end, matched));
                start = -1;
            }
        }
        return words;
    }

    /// <summary>The first word of the window with the most distinct, then most, matches (earliest on ties).</summary>
    private static (int Start, int Distinct, int Total) BestWindow(List<Word> words)
    {
        (int Start, int Distinct, int Total) best = (0, 0, 0);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < words.Count; m++)
        {
            if (words[m].Match is null) continue;
            // Near the start, the window starts with the text; further in, a few words lead up to the match.
            var start = m <= Words / 2 ? 0 : Math.Max(0, Math.Min(m - Lead, words.Count - Words));
            distinct.Clear();
            var total = 0;
            for (var i = start; i < Math.Min(words.Count, start + Words); i++)
            {
                if (words[i].Match is not { } term) continue;
                distinct.Add(term);
                total++;
            }
            if (distinct.Count > best.Distinct || (distinct.Count == best.Distinct && total > best.Total)) best = (start, distinct.Count, total);
        }
        return best;
    }

    private static string Render(string text, List<Word> words, int start)
    {
        if (words.Count == 0) return "";
        var end = Math.Min(words.Count, start + Words);
        var from = start == 0 ? 0 : words[start].Start;
        var to = end == words.Count ? text.Length : words[end - 1].End;
        var sb = new StringBuilder(to - from + 32);
        if (start > 0) sb.Append('…');
        var at = from;
        for (var i = start; i < end; i++)
        {
            AppendEscaped(sb, text.AsSpan(at, words[i].Start - at), between: true);
            if (words[i].Match is not null) sb.Append("<mark>");
            AppendEscaped(sb, text.AsSpan(words[i].Start, words[i].End - words[i].Start), between: false);
            if (words[i].Match is not null) sb.Append("</mark>");
            at = words[i].End;
        }
        AppendEscaped(sb, text.AsSpan(at, to - at), between: true);
        var result = sb.ToString().Trim();
        return end < words.Count ? result + "…" : result;
    }

    /// <summary>HTML-escapes; between words, any run of white space (paragraph breaks) becomes one space.</summary>
    private static void AppendEscaped(StringBuilder sb, ReadOnlySpan<char> text, bool between)
    {
        foreach (var c in text)
        {
            if (between && char.IsWhiteSpace(c))
            {
                if (sb.Length == 0 || sb[^1] != ' ') sb.Append(' ');
                continue;
            }
            switch (c)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
