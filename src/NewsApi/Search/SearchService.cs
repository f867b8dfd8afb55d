using Microsoft.Data.Sqlite;
using NewsApi.Articles;

namespace NewsApi.Search;

/// <summary>A ranked hit and the tier that found it (<see cref="SearchTier.MatchedBy"/>).</summary>
public sealed record SearchHitRow(long Id, string MatchedBy);

/// <summary>One page of a search: its hits, whether more follow, and the teaser (while still public) and
/// snippet of each hit.</summary>
public sealed record SearchPage(bool More, IReadOnlyList<SearchHitRow> Hits, IReadOnlyDictionary<long, TeaserRow> Teasers,
    IReadOnlyDictionary<long, string> Snippets);

/// <summary>Ranked full-text search over the public articles: BM25 (headline 10, excerpt 4, body 1),
/// recency breaking ties; the query's tiers in order (<see cref="SearchQuery.Tiers"/>): the words as typed,
/// then their spelling variants, then romanised Hindi, then English loanwords.</summary>
public sealed class SearchService(SearchIndexRepository index, TermStatistics statistics)
{
    /// <summary>For a word that matches more articles than this, ranking looks at its most recent
    /// matches only: news readers want the recent ones, and ranking tens of thousands of matches is slow.</summary>
    public const int RecencyWindow = 1000;

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
        var hits = new List<SearchHitRow>();
        var before = 0;
        foreach (var tier in query.Tiers)
        {
            if (hits.Count >= take) break;
            if (tier.Fallback && before > 0) continue;
            var found = await RankTierAsync(connection, tier.Match, tier.Terms, tier.Columns, filter, take - hits.Count, [.. hits.Select(h => h.Id)], ct);
            hits.AddRange(found.Select(id => new SearchHitRow(id, tier.MatchedBy)));
            before = found.Count;
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
        var matchedBy = hits.ToDictionary(h => h.Id, h => h.MatchedBy);
        var words = query.Tokens.ToHashSet(StringComparer.Ordinal);
        // A word matches by itself (the query's words), for a variant hit by its fold, for a romanised hit by its phonetic key.
        string? Native(string word) => words.Contains(word) ? word : null;
        string? Variant(string word) => words.Contains(word) ? word : query.Folds.Contains(Variants.Fold(word)) ? Variants.Fold(word) : null;
        string? Roman(string word) => SearchText.IsDevanagari(word) && Romanizer.Key(word) is { } key && query.Keys.Contains(key) ? key : null;
        var matchers = new Dictionary<string, (Func<string, string?> Match, Dictionary<string, string?> Seen)>
        {
            ["text"] = (Native, new(StringComparer.Ordinal)),
            ["variant"] = (Variant, new(StringComparer.Ordinal)),
            ["romanised"] = (Roman, new(StringComparer.Ordinal)),
        };
        return rows.ToDictionary(r => r.Id, r =>
        {
            var (match, seen) = matchers[matchedBy.GetValueOrDefault(r.Id, "text")];
            return Snippets.Build([r.Body ?? "", r.Excerpt, r.Headline], match, seen);
        });
    }
}
