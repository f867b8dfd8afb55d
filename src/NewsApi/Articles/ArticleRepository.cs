using System.Text;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Editorial;

namespace NewsApi.Articles;

/// <summary>The article aggregate over SQLite: public and editorial reads, revisions, slug history,
/// curated related stories, and every write (one transaction each, with the search entry, the
/// content clock and the cache purge). This file: the public reads.</summary>
public sealed partial class ArticleRepository(Db db, TimeProvider clock, ArticleMapper mapper,
    IOptions<JsonOptions> json, IArticleIndexer indexer, Http.ContentClockRepository contentClock, Caching.PurgeOutboxRepository purges)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    private const string PublicByIdSql = ArticleRow.ById + " AND " + ArticleFilter.PublicPredicate;

    public async Task<ArticleRow?> FindAsync(long id, bool publicOnly, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(
            publicOnly ? PublicByIdSql : ArticleRow.ById, new { id, now = Now }, cancellationToken: ct));
    }

    private const string BySlugSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From +
        " WHERE a.slug = @slug AND " + ArticleFilter.PublicPredicate;

    private const string OldSlugSql = "SELECT a.id, a.slug FROM article_old_slugs o JOIN articles a ON a.id = o.article_id" +
        " WHERE o.slug = @slug AND " + ArticleFilter.PublicPredicate;

    /// <summary>A public article by slug, or the id and current slug of the one that retired <paramref name="slug"/>.</summary>
    public async Task<(ArticleRow? Row, (long Id, string Slug)? Current)> FindBySlugAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var args = new { slug, now = Now };
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(BySlugSql, args, cancellationToken: ct));
        if (row is not null) return (row, null);
        var current = (await connection.QueryAsync<(long Id, string Slug)>(new CommandDefinition(OldSlugSql, args, cancellationToken: ct))).ToList();
        return (null, current.Count == 1 ? current[0] : null);
    }

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

public readonly record struct FeedPosition(DateTimeOffset PublishedAt, long Id);
