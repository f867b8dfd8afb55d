using System.Text;
using Dapper;

namespace NewsApi.Articles;

// The feed: public articles newest first (lists and teasers), and an article's neighbours in it.
public sealed partial class ArticleRepository
{
    private const string ListSelect = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From;
    private const string TeaserSelect = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id";

    /// <summary>Newest first, keyset-paged on (published_at, id).</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        var (sql, args) = FeedQuery(ListSelect, filter, after, limit);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<TeaserRow>> ListTeasersAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        var (sql, args) = FeedQuery(TeaserSelect, filter, after, limit);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TeaserRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    private (string, DynamicParameters) FeedQuery(string select, ArticleFilter filter, FeedPosition? after, int limit)
    {
        var sql = new StringBuilder(select).Append(" WHERE ").Append(ArticleFilter.PublicPredicate);
        var args = new DynamicParameters(new { now = Now, limit });
        filter.AppendTo(sql, args);
        if (after is { } p)
        {
            sql.Append(" AND (a.published_at < @afterAt OR (a.published_at = @afterAt AND a.id < @afterId))");
            args.Add("afterAt", p.PublishedAt);
            args.Add("afterId", p.Id);
        }
        sql.Append(" ORDER BY a.published_at DESC, a.id DESC LIMIT @limit");
        return (sql.ToString(), args);
    }

    private const string PreviousSql = TeaserSelect + " WHERE " +
        ArticleFilter.PublicPredicate + " AND (@sectionId IS NULL OR a.section_id = @sectionId)" +
        " AND (a.published_at < @at OR (a.published_at = @at AND a.id < @id)) ORDER BY a.published_at DESC, a.id DESC LIMIT 1";

    private const string NextSql = TeaserSelect + " WHERE " +
        ArticleFilter.PublicPredicate + " AND (@sectionId IS NULL OR a.section_id = @sectionId)" +
        " AND (a.published_at > @at OR (a.published_at = @at AND a.id > @id)) ORDER BY a.published_at ASC, a.id ASC LIMIT 1";

    /// <summary>The public articles published just before and just after <paramref name="row"/>.</summary>
    public async Task<(TeaserRow? Previous, TeaserRow? Next)> AdjacentAsync(ArticleRow row, bool sameSection, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { now = Now, sectionId = sameSection ? row.SectionId : (long?)null, at = row.PublishedAt, id = row.Id };
        var previous = await connection.QuerySingleOrDefaultAsync<TeaserRow>(new CommandDefinition(PreviousSql, args, cancellationToken: ct));
        var next = await connection.QuerySingleOrDefaultAsync<TeaserRow>(new CommandDefinition(NextSql, args, cancellationToken: ct));
        return (previous, next);
    }
}
