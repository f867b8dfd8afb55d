using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;

namespace NewsApi.Articles;

// The feed: public articles newest first (lists and teasers), and an article's neighbours in it.
public sealed partial class ArticleRepository
{
    private const string ListSelect = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From;
    private const string TeaserSelect = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id";

    /// <summary>Newest first, keyset-paged on (published_at, id).</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await FeedQueryAsync(connection, ListSelect, filter, after, limit, ct) is not var (sql, args)) return [];
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<TeaserRow>> ListTeasersAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        if (await FeedQueryAsync(connection, TeaserSelect, filter, after, limit, ct) is not var (sql, args)) return [];
        return (await connection.QueryAsync<TeaserRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    /// <summary>The feed's SQL and parameters for <paramref name="filter"/>; null when it names a section that
    /// does not exist (nothing can match).</summary>
    private async Task<(string, DynamicParameters)?> FeedQueryAsync(SqliteConnection connection, string select,
        ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        // A section means it and its sub-sections. Given their ids as a list, SQLite walks the section index
        // once per id and stops each walk after @limit rows; given the recursive subquery, it cannot tell how
        // few ids that yields and walks the whole feed index instead, reading each article to test its section
        // (the smaller the section, the longer the walk).
        List<long>? sectionIds = null;
        if (filter.Section is not null)
        {
            sectionIds = (await connection.QueryAsync<long>(new CommandDefinition(
                ArticleFilter.SectionTreeSql, new { section = filter.Section }, cancellationToken: ct))).AsList();
            if (sectionIds.Count == 0) return null;
        }
        var sql = new StringBuilder(select).Append(" WHERE ").Append(ArticleFilter.PublicPredicate);
        var args = new DynamicParameters(new { now = Now, limit });
        filter.AppendTo(sql, args, sectionIds);
        if (after is { } p)
        {
            sql.Append(" AND (a.published_at < @afterAt OR (a.published_at = @afterAt AND a.id < @afterId))");
            args.Add("afterAt", p.PublishedAt);
            args.Add("afterId", p.Id);
        }
        sql.Append(" ORDER BY a.published_at DESC, a.id DESC LIMIT @limit");
        return (sql.ToString(), args);
    }

    // Articles first (CROSS JOIN fixes the join order): with sections first, SQLite walked every section's
    // index range and sorted the lot for one row (9 ms on 100k articles instead of 0.1). One statement per
    // scope, so each keeps to its index: a section's neighbours on (section_id, status, published_at, id),
    // the site's on (status, published_at, id).
    private const string NeighbourSelect = "SELECT " + TeaserRow.Columns + " FROM articles a CROSS JOIN sections s ON s.id = a.section_id WHERE " +
        ArticleFilter.PublicPredicate;

    private const string Older = " AND (a.published_at < @at OR (a.published_at = @at AND a.id < @id)) ORDER BY a.published_at DESC, a.id DESC LIMIT 1";
    private const string Newer = " AND (a.published_at > @at OR (a.published_at = @at AND a.id > @id)) ORDER BY a.published_at ASC, a.id ASC LIMIT 1";
    private const string InSection = " AND a.section_id = @sectionId";

    private const string SiteNeighboursSql = NeighbourSelect + Older + ";\n" + NeighbourSelect + Newer;
    private const string SectionNeighboursSql = NeighbourSelect + InSection + Older + ";\n" + NeighbourSelect + InSection + Newer;

    /// <summary>The public articles published just before and just after <paramref name="row"/>: one round trip.</summary>
    public async Task<(TeaserRow? Previous, TeaserRow? Next)> AdjacentAsync(ArticleRow row, bool sameSection, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { now = Now, sectionId = row.SectionId, at = row.PublishedAt, id = row.Id };
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            sameSection ? SectionNeighboursSql : SiteNeighboursSql, args, cancellationToken: ct));
        var previous = await results.ReadSingleOrDefaultAsync<TeaserRow>();
        var next = await results.ReadSingleOrDefaultAsync<TeaserRow>();
        return (previous, next);
    }
}
