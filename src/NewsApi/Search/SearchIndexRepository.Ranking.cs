using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;

namespace NewsApi.Search;

// The ranking reads: matches of one FTS5 query, narrowed by the list filters, and the articles behind a page of hits.
public sealed partial class SearchIndexRepository
{
    // CROSS JOIN keeps the index as the outer loop: the planner otherwise walks articles and runs the MATCH
    // once per article (a minute on 100k). Unfiltered, the index alone answers (it holds only public articles,
    // with their publication time); a page is still checked against the articles table before it is shown.
    private const string IndexOnlyFrom = " FROM article_search WHERE article_search MATCH @match";
    private const string FilteredFrom = " FROM article_search CROSS JOIN articles a ON a.id = article_search.rowid WHERE article_search MATCH @match AND" +
        ArticleFilter.PublicPredicate;

    // The whole order is in the SQL: the LIMIT must cut the same order the pages are taken from, or a page
    // boundary inside a tie shows some hits twice and others never (ids do not follow publication time:
    // back-dating, scheduling).
    private const string IndexOnlyRankOrder = " ORDER BY article_search.rank, article_search.published_at DESC, article_search.rowid DESC LIMIT @take";
    private const string FilteredRankOrder = " ORDER BY article_search.rank, a.published_at DESC, article_search.rowid DESC LIMIT @take";

    private const string MatchSelect = "SELECT article_search.rowid";
    private const string FloorOrder = " ORDER BY article_search.rowid DESC LIMIT 1 OFFSET @offset";

    /// <summary>The id of the <paramref name="window"/>-th newest match (ids grow with creation time), or null
    /// when fewer match: matches from there up are the most recent ones.</summary>
    public async Task<long?> WindowFloorAsync(SqliteConnection connection, string match, ArticleFilter filter, int window, CancellationToken ct)
    {
        var (from, _, args) = Matching(match, filter);
        args.Add("offset", window - 1);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(MatchSelect + from + FloorOrder, args, cancellationToken: ct));
    }

    /// <summary>Up to <paramref name="take"/> matches by FTS5 rank (BM25 with the index's column weights),
    /// equal ranks newest first by publication time, then by id.</summary>
    public async Task<List<long>> BestMatchesAsync(SqliteConnection connection, string match, ArticleFilter filter, long[] exclude, int take, CancellationToken ct)
    {
        var (from, rankOrder, args) = Matching(match, filter);
        args.Add("take", take);
        args.Add("exclude", exclude);
        var sql = MatchSelect + from + NotExcluded(exclude) + rankOrder;
        return (await connection.QueryAsync<long>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    private const string HoldersSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid >= @floor";

    /// <summary>The matches from <paramref name="floor"/> up (ids only), and for each of <paramref name="terms"/>
    /// in each of <paramref name="columns"/>, in that order, which of them hold it there.</summary>
    public async Task<(List<long> Matches, List<(string Term, string Column, List<long> Ids)> Holders)> WindowMatchesAsync(
        SqliteConnection connection, string match, ArticleFilter filter, long floor, long[] exclude, IReadOnlyList<string> terms, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var (from, _, args) = Matching(match, filter);
        args.Add("floor", floor);
        args.Add("exclude", exclude);
        // Only ids: reading each match's row (even just its publication time) cost more than the rest.
        var matches = (await connection.QueryAsync<long>(new CommandDefinition(
            MatchSelect + from + " AND article_search.rowid >= @floor" + NotExcluded(exclude), args, cancellationToken: ct))).AsList();
        var inWindow = matches.ToHashSet();
        var holders = new List<(string, string, List<long>)>();
        foreach (var term in terms)
            foreach (var column in columns)
            {
                var ids = await connection.QueryAsync<long>(new CommandDefinition(
                    HoldersSql, new { match = "{" + column + "} : " + SearchQuery.Quote(term), floor }, cancellationToken: ct));
                holders.Add((term, column, ids.Where(inWindow.Contains).ToList()));
            }
        return (matches, holders);
    }

    private static string NotExcluded(long[] exclude) => exclude.Length > 0 ? " AND article_search.rowid NOT IN @exclude" : "";

    /// <summary>The FROM and WHERE of <paramref name="match"/>'s public matches under <paramref name="filter"/>,
    /// the ORDER BY that ranks them, and the parameters they need.</summary>
    private (string From, string RankOrder, DynamicParameters Args) Matching(string match, ArticleFilter filter)
    {
        var args = new DynamicParameters(new { match, now = clock.GetUtcNow() });
        var filters = new StringBuilder();
        filter.AppendTo(filters, args);
        return filters.Length == 0
            ? (IndexOnlyFrom, IndexOnlyRankOrder, args)
            : (FilteredFrom + filters, FilteredRankOrder, args);
    }

    private const string TeasersSql = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN @ids AND" + ArticleFilter.PublicPredicate;
    private const string TextSql = "SELECT id AS Id, headline AS Headline, excerpt AS Excerpt, body_text AS Body FROM articles WHERE id IN @ids";
    private const string PageSql = TeasersSql + ";\n" + TextSql;

    /// <summary>For a page of hits, in one round trip: the teasers of those of <paramref name="ids"/> still public
    /// (a hit may have been unpublished or embargoed since it was ranked), and the text of each as written (not
    /// the index's case-folded copy), for snippets; both in no order.</summary>
    public async Task<(List<TeaserRow> Teasers, List<(long Id, string Headline, string Excerpt, string? Body)> Texts)> PageAsync(
        SqliteConnection connection, long[] ids, CancellationToken ct)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            PageSql, new { ids, now = clock.GetUtcNow() }, cancellationToken: ct));
        var teasers = (await results.ReadAsync<TeaserRow>()).AsList();
        var texts = (await results.ReadAsync<(long Id, string Headline, string Excerpt, string? Body)>()).AsList();
        return (teasers, texts);
    }
}
