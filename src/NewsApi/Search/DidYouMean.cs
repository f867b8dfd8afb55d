namespace NewsApi.Search;

/// <summary>"Did you mean": for a query that found nothing, the same query with each word the index does not hold
/// replaced by the most frequent indexed word one edit away (one letter, vowel sign or mark added, removed or
/// changed), compared after <see cref="Variants.Fold"/> so a variant spelling counts as no edit. A Latin word is
/// compared by its phonetic key (<see cref="Romanizer.Key"/>) with the keys of the indexed Devanagari words, so
/// <c>putim</c> suggests पुतिन. Null when no word can be replaced. The vocabulary is read from the index when first
/// needed, and read again in the background once it changed (<see cref="MinRebuildInterval"/>) or aged
/// (<see cref="MaxAge"/>): only empty answers pay for it, not every search as the ranking's statistics would.</summary>
public sealed class DidYouMean(SearchIndexRepository index, TimeProvider clock, ILogger<DidYouMean> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan MinRebuildInterval = TimeSpan.FromSeconds(5);

    private sealed record Lexicon(IReadOnlyDictionary<string, long> Words, Dictionary<int, List<(string Fold, string Word, long Articles)>> ByLength,
        Dictionary<int, List<(string Key, string Word, long Articles)>> KeysByLength, DateTimeOffset At);

    private readonly SemaphoreSlim _build = new(1, 1);
    private Lexicon? _current;
    private volatile bool _changed;

    public void Dispose() => _build.Dispose();

    /// <summary>An article entered, changed or left the index.</summary>
    public void Changed() => _changed = true;

    private async Task<Lexicon> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is null) return await BuildAsync(ct);
        var age = clock.GetUtcNow() - current.At;
        if ((age >= MaxAge || (_changed && age >= MinRebuildInterval)) && _build.CurrentCount > 0)
            _ = Task.Run(async () =>
            {
                try { await BuildAsync(CancellationToken.None); }
                catch (Exception e) { logger.LogWarning(e, "Could not reread the vocabulary for did-you-mean"); }
            }, CancellationToken.None);
        return current;
    }

    private async Task<Lexicon> BuildAsync(CancellationToken ct)
    {
        await _build.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && !_changed && clock.GetUtcNow() - fresh.At < MaxAge) return fresh;
            _changed = false;
            var at = clock.GetUtcNow();
            var (_, words, _) = await index.CountsAsync(ct);
            return _current = Build(words, at);
        }
        finally
        {
            _build.Release();
        }
    }

    public async Task<string?> SuggestAsync(SearchQuery query, CancellationToken ct)
    {
        var lexicon = await CurrentAsync(ct);
        var changed = false;
        var words = new List<string>(query.Tokens.Count);
        foreach (var token in query.Tokens)
        {
            var replacement = lexicon.Words.GetValueOrDefault(token) > 0 ? null
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

    /// <summary>The indexed Devanagari words by the length of their fold and of their key, each fold and key with its
    /// most frequent spelling. The vocabulary also holds the folds stored beside the text (<see cref="Variants"/>);
    /// a fold counts as a spelling only when more articles have it than have its variants (so it is written too).</summary>
    private static Lexicon Build(Dictionary<string, long> all, DateTimeOffset at)
    {
        var folds = new Dictionary<string, (string Word, long Articles)>(StringComparer.Ordinal);
        foreach (var group in all.Where(p => p.Key.Length >= 2 && SearchText.IsDevanagari(p.Key)).GroupBy(p => Variants.Fold(p.Key), StringComparer.Ordinal))
        {
            var spellings = group.Where(p => p.Key != group.Key).ToList();
            var itself = all.GetValueOrDefault(group.Key);
            var best = spellings.Count == 0 || itself > spellings.Sum(p => p.Value)
                ? (group.Key, itself)
                : spellings.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).First();
            folds[group.Key] = (best.Item1, Math.Max(itself, best.Item2));
        }
        var keys = new Dictionary<string, (string Word, long Articles)>(StringComparer.Ordinal);
        foreach (var (word, articles) in folds.Values)
            if (Romanizer.Key(word) is { Length: >= 2 } key && (!keys.TryGetValue(key, out var k) || articles > k.Articles)) keys[key] = (word, articles);
        static Dictionary<int, List<(string, string, long)>> Group(Dictionary<string, (string Word, long Articles)> forms) =>
            forms.GroupBy(p => p.Key.Length).ToDictionary(g => g.Key, g => g.Select(p => (p.Key, p.Value.Word, p.Value.Articles)).ToList());
        return new Lexicon(all, Group(folds), Group(keys), at);
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
