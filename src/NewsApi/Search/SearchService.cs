using Microsoft.Data.Sqlite;
using NewsApi.Articles;

namespace NewsApi.Search;

/// <summary>A parsed query: its words, quoted for FTS5 (so no user input is ever FTS5 syntax), and the
/// phonetic keys used when it holds romanised words.</summary>
public sealed record SearchQuery(IReadOnlyList<string> Tokens, string NativeMatch, string? RomanMatch, IReadOnlySet<string> Keys)
{
    public const int MaxTokens = 16;

    public static SearchQuery? Parse(string q)
    {
        var tokens = SearchText.Tokens(SearchText.Normalize(q)).Distinct(StringComparer.Ordinal).Take(MaxTokens).ToList();
        if (tokens.Count == 0) return null;
        var native = "{headline excerpt body} : (" + string.Join(' ', tokens.Select(Quote)) + ")";
        var keys = tokens.Select(Romanizer.Key).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        // Only a query with Latin letters is treated as romanised Hindi; a Devanagari query means what it spells.
        var roman = tokens.Any(SearchText.IsLatin) && keys.Count > 0
            ? "{roman_headline roman_text} : (" + string.Join(' ', keys.Select(Quote)) + ")"
            : null;
        return new SearchQuery(tokens, native, roman, keys.ToHashSet(StringComparer.Ordinal));
    }

    internal static string Quote(string token) => "\"" + token.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

public sealed record SearchHitRow(long Id, bool Romanised);

/// <summary>One page of a search: its hits, whether more follow, and the teaser (while still public) and
/// snippet of each hit.</summary>
public sealed record SearchPage(bool More, IReadOnlyList<SearchHitRow> Hits, IReadOnlyDictionary<long, TeaserRow> Teasers,
    IReadOnlyDictionary<long, string> Snippets);

/// <summary>Ranked full-text search over the public articles: BM25 (headline 10, excerpt 4, body 1),
/// recency breaking ties; matches in the typed script first, romanised matches after them.</summary>
public sealed class SearchService(SearchIndexRepository index, TermStatistics statistics)
{
    /// <summary>For a word that matches more articles than this, ranking looks at its most recent
    /// matches only: news readers want the recent ones, and ranking tens of thousands of matches is slow.</summary>
    public const int RecencyWindow = 1000;

    private static readonly (string Column, double Weight)[] NativeColumns = [("headline", 10), ("excerpt", 4), ("body", 1)];
    private static readonly (string Column, double Weight)[] RomanColumns = [("roman_headline", 10), ("roman_text", 2)];

    /// <summary>The page of hits at <paramref name="offset"/>, with the teasers and snippets it shows, read on one connection.</summary>
    public async Task<SearchPage> SearchAsync(SearchQuery query, ArticleFilter filter, int offset, int limit, CancellationToken ct)
    {
        await using var connection = await index.OpenAsync(ct);
        var hits = await RankAsync(connection, query, filter, offset + limit + 1, ct);
        var page = hits.Skip(offset).Take(limit).ToList();
        var more = hits.Count > offset + limit;
        if (page.Count == 0) return new SearchPage(more, [], new Dictionary<long, TeaserRow>(), new Dictionary<long, string>());
        var (teasers, texts) = await index.PageAsync(connection, [.. page.Select(h => h.Id)], ct);
        return new SearchPage(more, page, teasers.ToDictionary(t => t.Id), SnippetsOf(query, page, texts));
    }

    private async Task<List<SearchHitRow>> RankAsync(SqliteConnection connection, SearchQuery query, ArticleFilter filter, int take, CancellationToken ct)
    {
        var hits = (await RankTierAsync(connection, query.NativeMatch, query.Tokens, NativeColumns, filter, take, [], ct))
            .Select(id => new SearchHitRow(id, false)).ToList();
        if (hits.Count < take && query.RomanMatch is not null)
        {
            var exclude = hits.Select(h => h.Id).ToArray();
            var roman = await RankTierAsync(connection, query.RomanMatch, [.. query.Keys], RomanColumns, filter, take - hits.Count, exclude, ct);
            hits.AddRange(roman.Select(id => new SearchHitRow(id, true)));
        }
        return hits;
    }

    private async Task<List<long>> RankTierAsync(SqliteConnection connection, string match, IReadOnlyList<string> terms,
        (string Column, double Weight)[] columns, ArticleFilter filter, int take, long[] exclude, CancellationToken ct)
    {
        var floor = await index.WindowFloorAsync(connection, match, filter, RecencyWindow, ct);
        // bm25() counts every article holding each word, on every query: cheap for rare words, ~5 ms a word
        // for one in 70k articles, even when the words together match only a few.
        var stats = await statistics.GetAsync(ct);
        var common = terms.Any(t => stats.Words.GetValueOrDefault(t) > RecencyWindow);
        if (floor is null && !common) return await index.BestMatchesAsync(connection, match, filter, exclude, take, ct);
        return await RankCommonAsync(connection, match, terms, columns, filter, floor ?? 0, exclude, stats, take, ct);
    }

    /// <summary>A common word (or more matches than the window): FTS5's bm25() would first count every article
    /// holding each word (a pass over the word's whole posting list, per word, per query). Here the same field
    /// weights use the cached document frequencies instead: Σ idf(word) × the weight of each field holding
    /// it, over the window's matches, without BM25's term-frequency and length terms; newest first among equals.</summary>
    private async Task<List<long>> RankCommonAsync(SqliteConnection connection, string match, IReadOnlyList<string> terms, (string Column, double Weight)[] columns,
        ArticleFilter filter, long floor, long[] exclude, TermStatistics.Snapshot stats, int take, CancellationToken ct)
    {
        var (candidates, holders) = await index.WindowMatchesAsync(connection, match, filter, floor, exclude, terms, [.. columns.Select(c => c.Column)], ct);
        var scores = candidates.ToDictionary(id => id, _ => 0.0);
        foreach (var (term, column, ids) in holders)
        {
            var idf = Math.Log(1 + (double)stats.Documents / Math.Max(1, stats.Words.GetValueOrDefault(term, 1)));
            var weight = columns.First(c => c.Column == column).Weight;
            foreach (var id in ids) scores[id] += idf * weight;
        }
        // Among equal scores the newest first: ids grow with creation time, which here stands in for
        // publication time (reading the latter for a thousand candidates would double the query's time).
        return candidates.OrderByDescending(id => scores[id]).ThenByDescending(id => id).Take(take).ToList();
    }

    /// <summary>HTML snippets with the matched words in &lt;mark&gt;, for one page of hits. They are cut from the
    /// article's text as written (not the index's case-folded, joiner-free copy, which readers must not see):
    /// a window of <see cref="Snippets.Words"/> words around the most query words, from the body, the excerpt
    /// or the headline.</summary>
    private static Dictionary<long, string> SnippetsOf(SearchQuery query, IReadOnlyList<SearchHitRow> hits,
        List<(long Id, string Headline, string Excerpt, string? Body)> rows)
    {
        var romanised = hits.Where(h => h.Romanised).Select(h => h.Id).ToHashSet();
        var words = query.Tokens.ToHashSet(StringComparer.Ordinal);
        // A word matches by itself (the query's words) or, for a romanised hit, by its phonetic key.
        string? Native(string word) => words.Contains(word) ? word : null;
        string? Roman(string word) => SearchText.IsDevanagari(word) && Romanizer.Key(word) is { } key && query.Keys.Contains(key) ? key : null;
        var seenNative = new Dictionary<string, string?>(StringComparer.Ordinal);
        var seenRoman = new Dictionary<string, string?>(StringComparer.Ordinal);
        return rows.ToDictionary(r => r.Id, r => romanised.Contains(r.Id)
            ? Snippets.Build([r.Body ?? "", r.Excerpt, r.Headline], Roman, seenRoman)
            : Snippets.Build([r.Body ?? "", r.Excerpt, r.Headline], Native, seenNative));
    }
}
