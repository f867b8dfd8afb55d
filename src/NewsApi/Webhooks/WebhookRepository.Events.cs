using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;

namespace NewsApi.Webhooks;

/// <summary>An article as an event names it; <see cref="Public"/> is whether the public can see it now.</summary>
public sealed record ArticleEventSubject(long Id, string? Slug, string? Url, long? Version, string? Headline, bool Public);

public sealed partial class WebhookRepository
{
    // Hindi as UTF-8, not \u escapes: the body is what receivers log and read.
    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string HeldSql = "SELECT version FROM webhook_public_articles WHERE article_id = @id";
    private const string HoldSql = """
        INSERT INTO webhook_public_articles (article_id, version) VALUES (@id, @version)
        ON CONFLICT (article_id) DO UPDATE SET version = excluded.version
        """;
    private const string ReleaseSql = "DELETE FROM webhook_public_articles WHERE article_id = @id";

    /// <summary>Inside an article write (or the scheduler's pass), after the change: compares what receivers were
    /// told with the article as saved and queues <c>article.published</c> (it became public), <c>article.updated</c>
    /// (public before and after, at a new version) or <c>article.unpublished</c> (public before, not now).
    /// Returns the event raised, if any.</summary>
    public async Task<string?> RecordArticleAsync(SqliteConnection connection, SqliteTransaction tx, ArticleEventSubject article, CancellationToken ct)
    {
        var held = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(HeldSql, new { id = article.Id }, tx, cancellationToken: ct));
        var type = (held, article.Public) switch
        {
            (null, true) => WebhookEvents.Published,
            ({ } version, true) when version != article.Version => WebhookEvents.Updated,
            (not null, false) => WebhookEvents.Unpublished,
            _ => null,
        };
        if (type is null) return null;
        await connection.ExecuteAsync(new CommandDefinition(article.Public ? HoldSql : ReleaseSql,
            new { id = article.Id, version = article.Version }, tx, cancellationToken: ct));
        await EnqueueAsync(connection, tx, type, article, ct);
        return type;
    }

    /// <summary>Inside an article's delete: <c>article.deleted</c> when receivers were told it is public.</summary>
    public async Task<bool> RecordDeletedAsync(SqliteConnection connection, SqliteTransaction tx, ArticleEventSubject article, CancellationToken ct)
    {
        if (await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { id = article.Id }, tx, cancellationToken: ct)) == 0) return false;
        await EnqueueAsync(connection, tx, WebhookEvents.Deleted, article with { Public = false }, ct);
        return true;
    }

    // One row per active subscription that asked for the event (by name, or *).
    private const string JoiningSql = "SELECT a.id FROM articles a WHERE " + Articles.ArticleFilter.PublicPredicate +
        " AND a.id NOT IN (SELECT article_id FROM webhook_public_articles)";
    private const string ArticlesDueSql = JoiningSql + " AND a.embargo_until IS NOT NULL AND a.embargo_until <= @now LIMIT @limit";
    private const string ArticlesDueAtStartSql = JoiningSql + " UNION SELECT h.article_id FROM webhook_public_articles h WHERE NOT EXISTS" +
        " (SELECT 1 FROM articles a WHERE a.id = h.article_id AND " + Articles.ArticleFilter.PublicPredicate + ") LIMIT @limit";

    /// <summary>Articles whose event is due without a write of their own: embargoes that ended; <paramref name="atStart"/>
    /// (the first pass after start-up) also every public article receivers were never told of (written before
    /// webhooks existed, or loaded in bulk) and every one they were told of that is not public any more.</summary>
    public async Task<List<long>> ArticlesDueAsync(bool atStart, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(atStart ? ArticlesDueAtStartSql : ArticlesDueSql,
            new { now = clock.GetUtcNow(), limit }, cancellationToken: ct))).AsList();
    }

    private const string EnqueueSql = """
        INSERT INTO webhook_outbox (webhook_id, event_id, type, payload, created_at, attempts, state, next_attempt_at)
        SELECT id, @eventId, @type, @payload, @now, 0, 'pending', @now FROM webhooks
        WHERE active = 1 AND (instr(' ' || events || ' ', ' ' || @type || ' ') > 0 OR instr(' ' || events || ' ', ' * ') > 0)
        """;

    private async Task EnqueueAsync(SqliteConnection connection, SqliteTransaction tx, string type, ArticleEventSubject article, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var payload = JsonSerializer.Serialize(new
        {
            type,
            timestamp = now.UtcDateTime,
            data = new
            {
                id = article.Id,
                uri = Syndication.NinjsMapper.Uri(article.Id),
                slug = article.Slug,
                url = article.Url,
                version = article.Version,
                headline = article.Headline,
            },
        }, PayloadJson);
        await connection.ExecuteAsync(new CommandDefinition(EnqueueSql, new { eventId = NewEventId(), type, payload, now }, tx, cancellationToken: ct));
    }

    private const string PingSql = """
        INSERT INTO webhook_outbox (webhook_id, event_id, type, payload, created_at, attempts, state, next_attempt_at)
        SELECT id, @eventId, @type, @payload, @now, 0, 'pending', @now FROM webhooks WHERE id = @id
        """;

    /// <summary>Queues a <c>webhook.ping</c> for one subscription (whatever events it asked for); false when it does not exist.</summary>
    public async Task<string?> EnqueuePingAsync(long id, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var eventId = NewEventId();
        var payload = JsonSerializer.Serialize(new { type = WebhookEvents.Ping, timestamp = now.UtcDateTime, data = new { webhookId = id } }, PayloadJson);
        await using var connection = await db.OpenAsync(ct);
        var queued = await connection.ExecuteAsync(new CommandDefinition(PingSql, new { id, eventId, type = WebhookEvents.Ping, payload, now }, cancellationToken: ct));
        if (queued == 0) return null;
        await connection.ExecuteAsync(new CommandDefinition(BringForwardSql, new { id, now }, cancellationToken: ct));
        Signal.Notify();
        return eventId;
    }

    // Events go out oldest first: a ping or a redelivery asked for now must not wait hours behind an older event
    // backing off, so the subscription's waiting events are all made due (the receiver is presumably back).
    private const string BringForwardSql = """
        UPDATE webhook_outbox SET next_attempt_at = @now WHERE webhook_id = @id AND state = 'pending' AND next_attempt_at > @now
        """;

    private const string RedeliverSql = """
        UPDATE webhook_outbox SET state = 'pending', attempts = 0, next_attempt_at = @now
        WHERE webhook_id = @id AND event_id = @eventId
        RETURNING type
        """;

    /// <summary>Sends an event again from a fresh round of retries; its type, or null when the subscription has no such event.</summary>
    public async Task<string?> RedeliverAsync(long id, string eventId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var type = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(RedeliverSql, new { id, eventId, now }, cancellationToken: ct));
        if (type is null) return null;
        await connection.ExecuteAsync(new CommandDefinition(BringForwardSql, new { id, now }, cancellationToken: ct));
        Signal.Notify();
        return type;
    }

    /// <summary>Call after a write committed: wakes the dispatcher, which could not see its events before.</summary>
    public void Committed() => Signal.Notify();

    /// <summary>msg_ and a time-ordered UUID (version 7): unique, and sortable like the events themselves.</summary>
    private static string NewEventId() => "msg_" + Guid.CreateVersion7().ToString("N", CultureInfo.InvariantCulture);
}
