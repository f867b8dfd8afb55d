using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;

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

/// <summary>Ranked full-text search over the public articles: BM25 (headline 10, excerpt 4, body 1),
/// recency breaking ties; matches in the typed script first, romanised matches after them.</summary>
public sealed class SearchService(Db db, TimeProvider clock, TermStatistics statistics)
{
    /// <summary>For a word that matches more articles than this, ranking looks at its most recent
    /// matches only: news readers want the recent ones, and ranking tens of thousands of matches is slow.</summary>
    public const int RecencyWindow = 1000;

    private static readonly (string Column, double Weight)[] NativeColumns = [("headline", 10), ("excerpt", 4), ("body", 1)];
    private static readonly (string Column, double Weight)[] RomanColumns = [("roman_headline", 10), ("roman_text", 2)];

    public async Task<List<SearchHitRow>> RankAsync(SearchQuery query, ArticleFilter filter, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
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

    private const string FloorSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @window";

    private async Task<List<long>> RankTierAsync(SqliteConnection connection, string match, IReadOnlyList<string> terms,
        (string Column, double Weight)[] columns, ArticleFilter filter, int take, long[] exclude, CancellationToken ct)
    {
        var args = new DynamicParameters(new { match, now = clock.GetUtcNow(), take, window = RecencyWindow - 1, exclude });
        var filters = new StringBuilder();
        filter.AppendTo(filters, args);
        // CROSS JOIN keeps the index as the outer loop: the planner otherwise walks articles and runs
        // the MATCH once per article (a minute on 100k). Without filters the floor needs the index alone:
        // it holds only public articles.
        // Unfiltered, the index alone answers (it holds only public articles, with their publication
        // time); the page is still checked against the articles table before it is shown.
        var from = filters.Length == 0
            ? " FROM article_search WHERE article_search MATCH @match"
            : " FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid WHERE article_search MATCH @match AND" +
              ArticleFilter.PublicPredicate + filters;
        var publishedAt = filters.Length == 0 ? "article_search.published_at" : "a.published_at";
        var floorSql = filters.Length == 0 ? FloorSql
            : "SELECT article_search.rowid" + from + " ORDER BY article_search.rowid DESC LIMIT 1 OFFSET @window";
        var floor = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(floorSql, args, cancellationToken: ct));
        var notExcluded = exclude.Length > 0 ? " AND article_search.rowid NOT IN @exclude" : "";
        // bm25() counts every article holding each word, on every query: cheap for rare words, ~5 ms a word
        // for one in 70k articles, even when the words together match only a few.
        var stats = await statistics.GetAsync(ct);
        var common = terms.Any(t => stats.Words.GetValueOrDefault(t) > RecencyWindow);
        if (floor is null && !common)
        {
            // The whole order (equal scores newest first by publication time, then id) is in the SQL: the
            // LIMIT must cut the same order the pages are taken from, or a page boundary inside a tie shows
            // some hits twice and others never (ids do not follow publication time: back-dating, scheduling).
            var sql = "SELECT article_search.rowid" + from + notExcluded +
                " ORDER BY article_search.rank, " + publishedAt + " DESC, article_search.rowid DESC LIMIT @take";
            return (await connection.QueryAsync<long>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
        }
        args.Add("floor", floor ?? 0);
        return await RankCommonAsync(connection, from + " AND article_search.rowid >= @floor" + notExcluded, terms, columns, args, floor ?? 0, stats, take, ct);
    }

    /// <summary>A common word (or more matches than the window): FTS5's bm25() would first count every article
    /// holding each word (a pass over the word's whole posting list, per word, per query). Here the same field
    /// weights use the cached document frequencies instead: Σ idf(word) × the weight of each field holding
    /// it, over the window's matches, without BM25's term-frequency and length terms; newest first among equals.</summary>
    private static async Task<List<long>> RankCommonAsync(SqliteConnection connection, string from, IReadOnlyList<string> terms,
        (string Column, double Weight)[] columns, DynamicParameters args, long floor, TermStatistics.Snapshot stats, int take, CancellationToken ct)
    {
        // Only ids: reading each candidate's row (even just its publication time) cost more than the rest.
        var candidates = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT article_search.rowid" + from, args, cancellationToken: ct))).AsList();
        var scores = candidates.ToDictionary(id => id, _ => 0.0);
        foreach (var term in terms)
        {
            var idf = Math.Log(1 + (double)stats.Documents / Math.Max(1, stats.Words.GetValueOrDefault(term, 1)));
            foreach (var (column, weight) in columns)
            {
                var inColumn = await connection.QueryAsync<long>(new CommandDefinition(
                    "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid >= @floor",
                    new { match = "{" + column + "} : " + SearchQuery.Quote(term), floor }, cancellationToken: ct));
                foreach (var id in inColumn)
                    if (scores.ContainsKey(id)) scores[id] += idf * weight;
            }
        }
        // Among equal scores the newest first: ids grow with creation time, which here stands in for
        // publication time (reading the latter for a thousand candidates would double the query's time).
        return candidates.OrderByDescending(id => scores[id]).ThenByDescending(id => id).Take(take).ToList();
    }

    private const string TeasersSql = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN @ids AND" + ArticleFilter.PublicPredicate;

    /// <summary>The teasers of a page of hits, by id; a hit no longer public (unpublished, embargoed since it was
    /// ranked) is missing.</summary>
    public async Task<Dictionary<long, TeaserRow>> TeasersAsync(IReadOnlyList<SearchHitRow> hits, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            TeasersSql, new { ids = hits.Select(h => h.Id).ToArray(), now = clock.GetUtcNow() }, cancellationToken: ct))).ToDictionary(r => r.Id);
    }

    private const string TextSql = "SELECT id AS Id, headline AS Headline, excerpt AS Excerpt, body_text AS Body FROM articles WHERE id IN @ids";

    /// <summary>HTML snippets with the matched words in &lt;mark&gt;, for one page of hits. They are cut from the
    /// article's text as written (not the index's case-folded, joiner-free copy, which readers must not see):
    /// a window of <see cref="Snippets.Words"/> words around the most query words, from the body, the excerpt
    /// or the headline.</summary>
    public async Task<Dictionary<long, string>> SnippetsAsync(SearchQuery query, IReadOnlyList<SearchHitRow> hits, CancellationToken ct)
    {
        if (hits.Count == 0) return [];
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Id, string Headline, string Excerpt, string? Body)>(new CommandDefinition(
            TextSql, new { ids = hits.Select(h => h.Id).ToArray() }, cancellationToken: ct));
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
