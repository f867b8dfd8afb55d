using System.Data;
using System.Text;
using Dapper;
using NewsApi.Data;

namespace NewsApi.Articles;

/// <summary>Reads articles and teasers for the public content API (and, with <c>publicOnly: false</c>, the editorial one).</summary>
public sealed class ArticleReader(Db db, TimeProvider clock, ArticleMapper mapper)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<ArticleRow?> FindAsync(long id, bool publicOnly, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sql = publicOnly ? ArticleRow.ById + " AND " + ArticleFilter.PublicPredicate : ArticleRow.ById;
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(sql, new { id, now = Now }, cancellationToken: ct));
    }

    private const string BySlug = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From +
        " WHERE a.slug = @slug AND " + ArticleFilter.PublicPredicate;

    private const string OldSlug = "SELECT a.id, a.slug FROM article_old_slugs o JOIN articles a ON a.id = o.article_id" +
        " WHERE o.slug = @slug AND " + ArticleFilter.PublicPredicate;

    /// <summary>A public article by slug, or the id and current slug of the one that retired <paramref name="slug"/>.</summary>
    public async Task<(ArticleRow? Row, (long Id, string Slug)? Current)> FindBySlugAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { slug, now = Now };
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(BySlug, args, cancellationToken: ct));
        if (row is not null) return (row, null);
        var current = (await connection.QueryAsync<(long Id, string Slug)>(new CommandDefinition(OldSlug, args, cancellationToken: ct))).ToList();
        return (null, current.Count == 1 ? current[0] : null);
    }

    /// <summary>Newest first, keyset-paged on (published_at, id).</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        var (sql, args) = FeedQuery("SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From, filter, after, limit);
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, args, cancellationToken: ct))).AsList();
    }

    public async Task<IReadOnlyList<TeaserRow>> ListTeasersAsync(ArticleFilter filter, FeedPosition? after, int limit, CancellationToken ct)
    {
        var (sql, args) = FeedQuery("SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id", filter, after, limit);
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

    private const string PreviousSql = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id WHERE " +
        ArticleFilter.PublicPredicate + " AND (@sectionId IS NULL OR a.section_id = @sectionId)" +
        " AND (a.published_at < @at OR (a.published_at = @at AND a.id < @id)) ORDER BY a.published_at DESC, a.id DESC LIMIT 1";

    private const string NextSql = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id WHERE " +
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

    public async Task<IReadOnlyList<Article>> ToArticlesAsync(IReadOnlyList<ArticleRow> rows, BodyFormats formats, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        await using var connection = await db.OpenAsync(ct);
        return await mapper.ToArticlesAsync(connection, null, rows, formats, ct);
    }
}

public readonly record struct FeedPosition(DateTimeOffset PublishedAt, long Id);
