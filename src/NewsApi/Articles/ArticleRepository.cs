using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using NewsApi.Data;
using NewsApi.Editorial;

namespace NewsApi.Articles;

/// <summary>The article aggregate over SQLite: public and editorial reads, revisions, slug history,
/// curated related stories, and every write (one transaction each, with the search entry, the
/// content clock, the cache purge, the partner change feed's entry and the webhook events). This file: the public reads.</summary>
public sealed partial class ArticleRepository(Db db, TimeProvider clock, ArticleMapper mapper,
    IOptions<JsonOptions> json, IArticleIndexer indexer, Http.ContentClockRepository contentClock, Caching.PurgeOutboxRepository purges,
    Syndication.ChangeLogRepository changes, Webhooks.WebhookRepository webhooks)
{
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>After a write committed: wakes the senders of the outboxes it may have filled (cache purges,
    /// webhook events), which could not see its rows before.</summary>
    private void Committed()
    {
        purges.Committed();
        webhooks.Committed();
    }

    /// <summary>The article as a webhook event names it.</summary>
    private Webhooks.ArticleEventSubject EventSubject(ArticleRow row) =>
        new(row.Id, row.Slug, mapper.Url(row.SectionSlug, row.Slug), row.Version, row.Headline, row.IsPublicAt(Now));

    private const string PublicByIdSql = ArticleRow.ById + " AND " + ArticleFilter.PublicPredicate;

    /// <summary>One article by id; a public one through a kept-prepared command (see <see cref="Db.RentPreparedAsync"/>).</summary>
    public async Task<ArticleRow?> FindAsync(long id, bool publicOnly, CancellationToken ct)
    {
        if (publicOnly)
        {
            using var lease = await db.RentPreparedAsync(ct);
            await using var reader = await PublicCommand(lease, PublicByIdSql, "@id", id).ExecuteReaderAsync(ct);
            return await reader.ReadSingleOrDefaultAsync<ArticleRow>(ct);
        }
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleRow.ById, new { id }, cancellationToken: ct));
    }

    private const string PublicArticleSql = PublicByIdSql + ";\n" + PublicLinksOfOneSql;

    /// <summary>A public article as the content API shows it, with whether it has curated related stories
    /// (public or not): four statements in one command, kept prepared.</summary>
    public async Task<PublicArticle?> FindPublicAsync(long id, BodyFormats formats, CancellationToken ct)
    {
        using var lease = await db.RentPreparedAsync(ct);
        await using var reader = await PublicCommand(lease, PublicArticleSql, "@id", id).ExecuteReaderAsync(ct);
        if (await reader.ReadSingleOrDefaultAsync<ArticleRow>(ct) is not { } row) return null;
        await reader.NextResultAsync(ct);
        return new PublicArticle(await WithLinksAsync(reader, row, formats, ct), row.HasCurated);
    }

    private const string BySlugSql = "SELECT " + ArticleRow.Columns + " FROM " + ArticleRow.From +
        " WHERE a.slug = @slug AND " + ArticleFilter.PublicPredicate;

    private const string OldSlugSql = "SELECT a.id, a.slug FROM article_old_slugs o JOIN articles a ON a.id = o.article_id" +
        " WHERE o.slug = @slug AND " + ArticleFilter.PublicPredicate;

    /// <summary>A public article by slug, or the id and current slug of the one that retired <paramref name="slug"/>.</summary>
    public async Task<(PublicArticle? Found, (long Id, string Slug)? Current)> FindPublicBySlugAsync(string slug, BodyFormats formats, CancellationToken ct)
    {
        using var lease = await db.RentPreparedAsync(ct);
        ArticleRow? row;
        await using (var reader = await PublicCommand(lease, BySlugSql, "@slug", slug).ExecuteReaderAsync(ct))
            row = await reader.ReadSingleOrDefaultAsync<ArticleRow>(ct);
        if (row is not null)
        {
            await using var links = await PublicCommand(lease, PublicLinksOfOneSql, "@id", row.Id).ExecuteReaderAsync(ct);
            return (new PublicArticle(await WithLinksAsync(links, row, formats, ct), row.HasCurated), null);
        }
        await using var old = await PublicCommand(lease, OldSlugSql, "@slug", slug).ExecuteReaderAsync(ct);
        var current = new List<(long, string)>();
        while (await old.ReadAsync(ct)) current.Add((old.GetInt64(0), old.GetString(1)));
        return (null, current.Count == 1 ? current[0] : null);
    }

    /// <summary>The kept command for <paramref name="sql"/> with the key and <c>@now</c> bound (as stored: UTC text).</summary>
    private Microsoft.Data.Sqlite.SqliteCommand PublicCommand(PreparedLease lease, string sql, string key, object value)
    {
        var command = lease.Command(sql);
        command.Parameters.AddWithValue(key, value);
        command.Parameters.AddWithValue("@now", DbTime.ToText(Now));
        return command;
    }
}

public readonly record struct FeedPosition(DateTimeOffset PublishedAt, long Id);

/// <summary>A public article, and whether its answer also depends on other articles (curated related stories).</summary>
public readonly record struct PublicArticle(Article Article, bool HasCurated);
