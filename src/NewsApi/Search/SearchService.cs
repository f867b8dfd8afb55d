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

    private static string Quote(string token) => "\"" + token.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

public sealed record SearchHitRow(long Id, bool Romanised);

/// <summary>Ranked full-text search over the public articles: BM25 (headline 10, excerpt 4, body 1),
/// recency breaking ties; matches in the typed script first, romanised matches after them.</summary>
public sealed class SearchService(Db db, TimeProvider clock)
{
    /// <summary>For a word that matches more articles than this, ranking looks at its most recent
    /// matches only: computing BM25 for every one of tens of thousands of matches is what made a
    /// naive query slow, and news readers want the recent ones.</summary>
    public const int RecencyWindow = 1000;

    public async Task<List<SearchHitRow>> RankAsync(SearchQuery query, ArticleFilter filter, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var hits = (await RankTierAsync(connection, query.NativeMatch, filter, take, [], ct)).Select(id => new SearchHitRow(id, false)).ToList();
        if (hits.Count < take && query.RomanMatch is not null)
        {
            var exclude = hits.Select(h => h.Id).ToArray();
            var roman = await RankTierAsync(connection, query.RomanMatch, filter, take - hits.Count, exclude, ct);
            hits.AddRange(roman.Select(id => new SearchHitRow(id, true)));
        }
        return hits;
    }

    private const string FloorSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET @window";

    private async Task<List<long>> RankTierAsync(SqliteConnection connection, string match, ArticleFilter filter, int take, long[] exclude, CancellationToken ct)
    {
        var args = new DynamicParameters(new { match, now = clock.GetUtcNow(), take, window = RecencyWindow - 1, exclude });
        var filters = new StringBuilder();
        filter.AppendTo(filters, args);
        // CROSS JOIN keeps the index as the outer loop: the planner otherwise walks articles and runs
        // the MATCH once per article (a minute on 100k). Without filters the index alone is enough:
        // it holds only public articles, and the page is checked against the articles table after.
        var from = filters.Length == 0
            ? " FROM article_search WHERE article_search MATCH @match"
            : " FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid WHERE article_search MATCH @match AND" + ArticleFilter.PublicPredicate + filters;
        var floorSql = filters.Length == 0 ? FloorSql
            : "SELECT article_search.rowid" + from + " ORDER BY article_search.rowid DESC LIMIT 1 OFFSET @window";
        args.Add("floor", await connection.ExecuteScalarAsync<long?>(new CommandDefinition(floorSql, args, cancellationToken: ct)) ?? 0);
        var sql = "SELECT article_search.rowid AS Id, article_search.rank AS Rank" + from + " AND article_search.rowid >= @floor" +
            (exclude.Length > 0 ? " AND article_search.rowid NOT IN @exclude" : "") +
            " ORDER BY article_search.rank, article_search.rowid DESC LIMIT @take";
        var ranked = (await connection.QueryAsync<(long Id, double Rank)>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
        if (ranked.Count == 0) return [];
        // Equal scores go newest first by publication time; this also drops anything not public.
        var published = (await connection.QueryAsync<(long Id, string PublishedAt)>(new CommandDefinition(
            "SELECT a.id, a.published_at FROM articles a WHERE a.id IN @ids AND" + ArticleFilter.PublicPredicate,
            new { ids = ranked.Select(r => r.Id).ToArray(), now = clock.GetUtcNow() }, cancellationToken: ct))).ToDictionary(p => p.Id, p => p.PublishedAt);
        return ranked.Where(r => published.ContainsKey(r.Id))
            .OrderBy(r => r.Rank).ThenByDescending(r => published[r.Id], StringComparer.Ordinal).ThenByDescending(r => r.Id)
            .Select(r => r.Id).ToList();
    }

    private const string SnippetSql = """
        SELECT rowid AS Id, snippet(article_search, -1, char(1), char(2), '…', 24) AS Text
        FROM article_search WHERE article_search MATCH @match AND rowid IN @ids
        """;

    private const string ExcerptSql = "SELECT rowid AS Id, excerpt AS Text FROM article_search WHERE rowid IN @ids";

    /// <summary>HTML snippets with the matched words in &lt;mark&gt;, for one page of hits.</summary>
    public async Task<Dictionary<long, string>> SnippetsAsync(SearchQuery query, IReadOnlyList<SearchHitRow> hits, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var result = new Dictionary<long, string>();
        var native = hits.Where(h => !h.Romanised).Select(h => h.Id).ToArray();
        if (native.Length > 0)
        {
            foreach (var (id, text) in await connection.QueryAsync<(long Id, string Text)>(new CommandDefinition(SnippetSql, new { match = query.NativeMatch, ids = native }, cancellationToken: ct)))
                result[id] = MarkedHtml(text);
        }
        var roman = hits.Where(h => h.Romanised).Select(h => h.Id).ToArray();
        if (roman.Length > 0)
        {
            foreach (var (id, text) in await connection.QueryAsync<(long Id, string Text)>(new CommandDefinition(ExcerptSql, new { ids = roman }, cancellationToken: ct)))
                result[id] = MarkedHtml(MarkByKey(text, query.Keys));
        }
        return result;
    }

    /// <summary>Marks (with \u0001 … \u0002, like snippet()) the words whose phonetic key the query has.</summary>
    private static string MarkByKey(string normalized, IReadOnlySet<string> keys)
    {
        var sb = new StringBuilder(normalized.Length + 32);
        var i = 0;
        foreach (var token in SearchText.Tokens(normalized))
        {
            var at = normalized.IndexOf(token, i, StringComparison.Ordinal);
            sb.Append(normalized, i, at - i);
            var key = SearchText.IsDevanagari(token) ? Romanizer.Key(token) : null;
            if (key is not null && keys.Contains(key)) sb.Append('\u0001').Append(token).Append('\u0002');
            else sb.Append(token);
            i = at + token.Length;
        }
        sb.Append(normalized, i, normalized.Length - i);
        return sb.ToString();
    }

    private static string MarkedHtml(string text)
    {
        var sb = new StringBuilder(text.Length + 32);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '<' => "&lt;", '>' => "&gt;", '&' => "&amp;", '"' => "&quot;", '\'' => "&#39;",
                '\u0001' => "<mark>", '\u0002' => "</mark>",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
