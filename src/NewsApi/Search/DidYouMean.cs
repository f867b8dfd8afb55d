using System.Runtime.CompilerServices;

namespace NewsApi.Search;

/// <summary>"Did you mean": for a query that found nothing, the same query with each word the index does not hold
/// replaced by the most frequent indexed word one edit away (one letter, vowel sign or mark added, removed or
/// changed), compared after <see cref="Variants.Fold"/> so a variant spelling counts as no edit. A Latin word is
/// compared by its phonetic key (<see cref="Romanizer.Key"/>) with the keys of the indexed Devanagari words, so
/// <c>putim</c> suggests पुतिन. Null when no word can be replaced. Uses the cached <see cref="TermStatistics"/>.</summary>
public sealed class DidYouMean(TermStatistics statistics)
{
    private sealed record Lexicon(Dictionary<int, List<(string Fold, string Word, long Articles)>> ByLength,
        Dictionary<int, List<(string Key, string Word, long Articles)>> KeysByLength);

    private static readonly ConditionalWeakTable<TermStatistics.Snapshot, Lazy<Lexicon>> Lexicons = new();

    public async Task<string?> SuggestAsync(SearchQuery query, CancellationToken ct)
    {
        var stats = await statistics.GetAsync(ct);
        var lexicon = Lexicons.GetValue(stats, s => new Lazy<Lexicon>(() => Build(s))).Value;
        var changed = false;
        var words = new List<string>(query.Tokens.Count);
        foreach (var token in query.Tokens)
        {
            var replacement = stats.Words.GetValueOrDefault(token) > 0 ? null
                : SearchText.IsDevanagari(token) ? Nearest(lexicon.ByLength, Variants.Fold(token))
                : Romanizer.Key(token) is { } key ? Nearest(lexicon.KeysByLength, key) : null;
            changed |= replacement is not null && replacement != token;
            words.Add(replacement ?? token);
        }
        return changed ? string.Join(' ', words) : null;
    }

    private static string? Nearest(Dictionary<int, List<(string Form, string Word, long Articles)>> byLength, string form)
    {
        (string Word, long Articles)? best = null;
        for (var length = form.Length - 1; length <= form.Length + 1; length++)
        {
            if (!byLength.TryGetValue(length, out var candidates)) continue;
            foreach (var (candidate, word, articles) in candidates)
                if ((best is null || articles > best.Value.Articles) && (candidate == form || WithinOneEdit(form, candidate))) best = (word, articles);
        }
        return best?.Word;
    }

    /// <summary>The indexed Devanagari words (not the folds and keys stored beside them: a fold only counts when it
    /// is also a word), by the length of their fold and of their key, each fold and key with its most frequent word.</summary>
    private static Lexicon Build(TermStatistics.Snapshot stats)
    {
        var folds = new Dictionary<string, (string Word, long Articles)>(StringComparer.Ordinal);
        var keys = new Dictionary<string, (string Word, long Articles)>(StringComparer.Ordinal);
        foreach (var (word, articles) in stats.Words)
        {
            if (!SearchText.IsDevanagari(word) || word.Length < 2) continue;
            var fold = Variants.Fold(word);
            if (!folds.TryGetValue(fold, out var f) || articles > f.Articles) folds[fold] = (word, articles);
            if (Romanizer.Key(word) is { Length: >= 2 } key && (!keys.TryGetValue(key, out var k) || articles > k.Articles)) keys[key] = (word, articles);
        }
        static Dictionary<int, List<(string, string, long)>> Group(Dictionary<string, (string Word, long Articles)> forms) =>
            forms.GroupBy(p => p.Key.Length).ToDictionary(g => g.Key, g => g.Select(p => (p.Key, p.Value.Word, p.Value.Articles)).ToList());
        return new Lexicon(Group(folds), Group(keys));
    }

    /// <summary>Whether one insertion, deletion or substitution (of a UTF-16 unit: a letter, vowel sign or mark) turns
    /// <paramref name="a"/> into <paramref name="b"/>; equal strings are not an edit away.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1) return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        if (a.Length == b.Length) return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1));
        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
