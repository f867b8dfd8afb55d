using System.Collections.Concurrent;
using System.Globalization;

namespace NewsApi.Search;

/// <summary>Search-as-you-type, answered from memory: every headline word of the public articles (function
/// words left out) and every tag, section and author they carry, each scored by popularity and recency
/// (articles + <see cref="RecentWeight"/> × articles of the last <see cref="RecentDays"/> days). A Devanagari
/// prefix matches by its <see cref="Variants"/> fold (बाढ finds बाढ़), a Latin one by a loose transliteration
/// (<c>pu</c> finds पुतिन, <c>bhook</c> finds भूकंप). Rebuilt from <see cref="SuggestionRepository"/> when
/// older than <see cref="MaxAge"/> (in the background), or, once an article entered or left the index, by the first
/// request at least <c>Search:SuggestionsRefreshSeconds</c> (default 15) after the last build (the others meanwhile
/// answer from the previous build).</summary>
public sealed class Suggester(SuggestionRepository repository, TimeProvider clock, IConfiguration configuration, ILogger<Suggester> logger) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private readonly TimeSpan _minRebuildInterval = TimeSpan.FromSeconds(configuration.GetValue("Search:SuggestionsRefreshSeconds", 15.0));
    public const int RecentDays = 30;
    public const double RecentWeight = 4;

    private readonly SemaphoreSlim _build = new(1, 1);
    private SuggestionSet? _current;
    private volatile bool _changed;

    public void Dispose() => _build.Dispose();

    /// <summary>An article entered, changed or left the index: rebuild soon.</summary>
    public void Changed() => _changed = true;

    /// <summary>The normalised prefix of what was typed (words joined by one space), or null when it has no word.</summary>
    public static string? Prefix(string typed)
    {
        var tokens = SearchText.Tokens(SearchText.Normalize(typed));
        return tokens.Count == 0 ? null : string.Join(' ', tokens);
    }

    public async Task<IReadOnlyList<Suggestion>> SuggestAsync(string typed, int limit, CancellationToken ct)
    {
        var set = await CurrentAsync(ct);
        return Prefix(typed) is { } prefix ? set.Find(prefix, limit) : [];
    }

    private async Task<SuggestionSet> CurrentAsync(CancellationToken ct)
    {
        var current = _current;
        if (current is null) return await BuildAsync(ct);
        var age = clock.GetUtcNow() - current.At;
        if (_changed && age >= _minRebuildInterval && _build.CurrentCount > 0) return await BuildAsync(ct);
        if (age >= MaxAge && _build.CurrentCount > 0)
            _ = Task.Run(async () =>
            {
                try { await BuildAsync(CancellationToken.None); }
                catch (Exception e) { logger.LogWarning(e, "Could not rebuild search suggestions"); }
            }, CancellationToken.None);
        return current;
    }

    private async Task<SuggestionSet> BuildAsync(CancellationToken ct)
    {
        await _build.WaitAsync(ct);
        try
        {
            if (_current is { } fresh && !_changed && clock.GetUtcNow() - fresh.At < MaxAge) return fresh;
            _changed = false;
            var now = clock.GetUtcNow();
            var (headlines, named) = await repository.ReadAsync(now.AddDays(-RecentDays), ct);
            return _current = SuggestionSet.Build(headlines, named, now, RecentDays, RecentWeight);
        }
        finally
        {
            _build.Release();
        }
    }
}

/// <summary>Loads suggestions at start, in the background, so the first keystroke does not pay for it.</summary>
public sealed class SuggesterWarmUp(Suggester suggester, ILogger<SuggesterWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await suggester.SuggestAsync("अ", 1, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not load search suggestions at start; the first request will");
        }
    }
}

/// <summary>One build of the suggestions: entries sorted by their match key (fold or loose Latin), so a prefix is
/// a range found by binary search; the best of a range are kept per prefix (a few thousand prefixes are typed).</summary>
public sealed class SuggestionSet
{
    private sealed record Entry(string Key, Suggestion Suggestion, double Score);

    private const int MaxCached = 50_000;
    private readonly Entry[] _native, _latin;
    private readonly ConcurrentDictionary<string, IReadOnlyList<Suggestion>> _found = new(StringComparer.Ordinal);

    public DateTimeOffset At { get; }

    private SuggestionSet(Entry[] native, Entry[] latin, DateTimeOffset at) => (_native, _latin, At) = (native, latin, at);

    public static SuggestionSet Build(IReadOnlyList<SuggestionRepository.Headline> headlines, IReadOnlyList<SuggestionRepository.Named> named,
        DateTimeOffset now, int recentDays, double recentWeight)
    {
        var recent = Data.DbTime.ToText(now.AddDays(-recentDays));
        var words = new Dictionary<string, (long Articles, long Recent)>(StringComparer.Ordinal);
        foreach (var headline in headlines)
        {
            var isRecent = string.CompareOrdinal(headline.PublishedAt, recent) >= 0;
            foreach (var word in SearchText.Tokens(headline.Text).Distinct(StringComparer.Ordinal))
            {
                if (word.Length < 2 || word.All(char.IsDigit) || FunctionWords.Contains(word)) continue;
                var (articles, recentCount) = words.GetValueOrDefault(word);
                words[word] = (articles + 1, recentCount + (isRecent ? 1 : 0));
            }
        }
        // A tag, section or author named like a headline word replaces the word (it has a page to go to).
        var byText = new Dictionary<string, (Suggestion Suggestion, double Score)>(StringComparer.Ordinal);
        foreach (var (word, (articles, recentCount)) in words)
            byText[word] = (new Suggestion(word, "word", null, articles), articles + recentWeight * recentCount);
        foreach (var n in named)
        {
            var text = SearchText.Normalize(n.Name);
            var score = n.Articles + recentWeight * n.Recent;
            var best = byText.TryGetValue(text, out var had) ? Math.Max(had.Score, score) : score;
            byText[text] = (new Suggestion(n.Name, n.Kind, n.Slug, n.Articles), best);
        }
        var entries = byText.Select(p => (Text: p.Key, p.Value.Suggestion, p.Value.Score)).ToList();
        var native = entries.Select(e => new Entry(Fold(e.Text), e.Suggestion, e.Score)).OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        var latin = entries.Select(e => new Entry(Loose(e.Text), e.Suggestion, e.Score)).Where(e => e.Key.Length > 0)
            .OrderBy(e => e.Key, StringComparer.Ordinal).ToArray();
        return new SuggestionSet(native, latin, now);
    }

    /// <summary>The best <paramref name="limit"/> entries whose key starts with the prefix's key, best first
    /// (ties: the shorter text first, then text order).</summary>
    public IReadOnlyList<Suggestion> Find(string prefix, int limit)
    {
        var cacheKey = limit.ToString(CultureInfo.InvariantCulture) + "|" + prefix;
        if (_found.TryGetValue(cacheKey, out var found)) return found;
        var latin = !SearchText.IsDevanagari(prefix) && SearchText.IsLatin(prefix);
        var (entries, key) = latin ? (_latin, Loose(prefix)) : (_native, Fold(prefix));
        var result = key.Length == 0 ? [] : Range(entries, key)
            .OrderByDescending(e => e.Score).ThenBy(e => e.Suggestion.Text.Length).ThenBy(e => e.Suggestion.Text, StringComparer.Ordinal)
            .Take(limit).Select(e => e.Suggestion).ToList();
        if (_found.Count < MaxCached) _found.TryAdd(cacheKey, result);
        return result;
    }

    private static IEnumerable<Entry> Range(Entry[] entries, string key)
    {
        int lo = 0, hi = entries.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (string.CompareOrdinal(entries[mid].Key, key) < 0) lo = mid + 1; else hi = mid;
        }
        for (var i = lo; i < entries.Length && entries[i].Key.StartsWith(key, StringComparison.Ordinal); i++) yield return entries[i];
    }

    private static string Fold(string text) => string.Join(' ', SearchText.Tokens(text).Select(Variants.Fold));

    /// <summary>Latin as people type it, loosened: Devanagari transliterated (<see cref="Romanizer.Transliterate"/>),
    /// then aspiration and vowel length dropped, w/v, z/j, ph/f, sh/s merged and doubled letters single.</summary>
    public static string Loose(string text)
    {
        var latin = string.Join(' ', SearchText.Tokens(text).Select(t => SearchText.IsDevanagari(t) ? Romanizer.Transliterate(t) : t));
        var s = latin.Replace("ph", "f", StringComparison.Ordinal).Replace("sh", "s", StringComparison.Ordinal)
            .Replace('w', 'v').Replace('z', 'j').Replace('q', 'k').Replace("ee", "i", StringComparison.Ordinal).Replace("oo", "u", StringComparison.Ordinal);
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == 'h' && i > 0 && "kgcjtdbr".Contains(s[i - 1], StringComparison.Ordinal)) continue;
            if (sb.Length > 0 && sb[^1] == c && c != ' ') continue;
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Words too common in headlines to be worth suggesting: postpositions, auxiliaries, pronouns, conjunctions.</summary>
    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "में", "के", "की", "का", "को", "से", "ने", "पर", "और", "है", "हैं", "था", "थे", "थी", "कि", "लिए", "साथ", "बाद", "तक", "भी",
        "नहीं", "एक", "यह", "वह", "इस", "उस", "ये", "वे", "हो", "गया", "गई", "गए", "कर", "किया", "दिया", "रहे", "रही", "रहा", "अपने",
        "अपनी", "बीच", "द्वारा", "होगा", "करने", "कहा", "जा", "सकते", "लेकर", "the", "of", "and", "in", "on", "to", "for", "a", "an", "is",
    };
}
