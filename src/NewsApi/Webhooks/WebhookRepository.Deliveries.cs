using Dapper;
using NewsApi.Data;

namespace NewsApi.Webhooks;

/// <summary>The event a subscription is to receive next, with what delivering it needs (Dapper target).</summary>
public sealed class PendingDelivery
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public string EventId { get; init; } = "";
    public string Type { get; init; } = "";
    public string Payload { get; init; } = "";
    public long Attempts { get; init; }
    public string Url { get; init; } = "";
    public string Secret { get; init; } = "";
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretUntil { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
}

/// <summary>What one attempt came to, as the dispatcher judged it.</summary>
/// <param name="Delivered">A 2xx answer.</param>
/// <param name="NextAttemptAt">When to try again; null once delivered or given up.</param>
/// <param name="Disable">Why the subscription is turned off now (410 Gone, days of failures); null to leave it on.</param>
public sealed record AttemptOutcome(int? StatusCode, long DurationMs, string? Error, bool Delivered, DateTimeOffset? NextAttemptAt, string? Disable);

public sealed class DeliveryRow
{
    public long Id { get; init; }
    public long WebhookId { get; init; }
    public string EventId { get; init; } = "";
    public string Type { get; init; } = "";
    public long Attempt { get; init; }
    public DateTimeOffset At { get; init; }
    public long? StatusCode { get; init; }
    public long DurationMs { get; init; }
    public string? Error { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }

    public WebhookDelivery ToDelivery() => new(WebhookId, EventId, Type, (int)Attempt, At, (int?)StatusCode, DurationMs, Error, NextAttemptAt);
}

public sealed partial class WebhookRepository
{
    // Per active subscription, its oldest pending event — only that one may go out (order per subscription).
    private const string HeadsSql = """
        SELECT o.id, o.webhook_id, o.event_id, o.type, o.payload, o.attempts, o.next_attempt_at,
            w.url, w.secret, w.previous_secret, w.previous_secret_until, w.failing_since
        FROM (SELECT webhook_id, min(id) AS id FROM webhook_outbox WHERE state = 'pending' GROUP BY webhook_id) h
        JOIN webhook_outbox o ON o.id = h.id
        JOIN webhooks w ON w.id = o.webhook_id AND w.active = 1
        """;
    private const string DueSql = HeadsSql + " WHERE o.next_attempt_at <= @now";
    // Busy subscriptions are left out: their head is due (it is being sent), and counting it would make the
    // dispatcher wait zero and spin until the attempt is recorded. Their delivery wakes it when it ends.
    private const string NextDueSql = "SELECT min(next_attempt_at) FROM (" + HeadsSql + " WHERE o.webhook_id NOT IN (SELECT value FROM json_each(@busy)))";

    /// <summary>The events due now, at most one per subscription: each subscription's oldest pending event.</summary>
    public async Task<List<PendingDelivery>> DueAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<PendingDelivery>(new CommandDefinition(DueSql, new { now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    /// <summary>When the next event of a subscription not in <paramref name="busy"/> is due; null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(IReadOnlyCollection<long> busy, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var at = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(NextDueSql,
            new { busy = System.Text.Json.JsonSerializer.Serialize(busy) }, cancellationToken: ct));
        return at is null ? null : DbTime.Parse(at);
    }

    // The subscription or the event may have been deleted while the request was out: then nothing is recorded.
    private const string InsertAttemptSql = """
        INSERT INTO webhook_attempts (outbox_id, webhook_id, attempt, at, status_code, duration_ms, error, next_attempt_at)
        SELECT id, webhook_id, attempts + 1, @now, @statusCode, @durationMs, @error, @nextAttemptAt FROM webhook_outbox WHERE id = @id
        """;
    private const string UpdateEventSql = """
        UPDATE webhook_outbox SET attempts = attempts + 1, state = @state, next_attempt_at = @nextAttemptAt WHERE id = @id
        """;
    private const string UpdateHealthSql = """
        UPDATE webhooks SET
            failing_since = CASE WHEN @delivered THEN NULL ELSE coalesce(failing_since, @now) END,
            active = CASE WHEN @disable IS NULL THEN active ELSE 0 END,
            disabled_reason = coalesce(@disable, disabled_reason),
            version = CASE WHEN @disable IS NULL THEN version ELSE version + 1 END,
            updated_at = CASE WHEN @disable IS NULL THEN updated_at ELSE @now END
        WHERE id = @webhookId
        """;

    /// <summary>Logs an attempt and moves its event on (delivered, retried later, or given up), in one transaction.</summary>
    public async Task RecordAttemptAsync(PendingDelivery delivery, AttemptOutcome outcome, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var state = outcome.Delivered ? "delivered" : outcome.NextAttemptAt is null || outcome.Disable is not null ? "failed" : "pending";
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await connection.ExecuteAsync(new CommandDefinition(InsertAttemptSql, new
        {
            id = delivery.Id,
            now,
            statusCode = outcome.StatusCode,
            durationMs = outcome.DurationMs,
            error = outcome.Error,
            nextAttemptAt = state == "pending" ? outcome.NextAttemptAt : null,
        }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpdateEventSql,
            new { id = delivery.Id, state, nextAttemptAt = state == "pending" ? outcome.NextAttemptAt : null }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpdateHealthSql,
            new { webhookId = delivery.WebhookId, delivered = outcome.Delivered, disable = outcome.Disable, now }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private const string AttemptsSql = """
        SELECT a.id, a.webhook_id, o.event_id, o.type, a.attempt, a.at, a.status_code, a.duration_ms, a.error, a.next_attempt_at
        FROM webhook_attempts a JOIN webhook_outbox o ON o.id = a.outbox_id
        WHERE a.webhook_id = @id AND a.id < @before
        ORDER BY a.id DESC LIMIT @limit
        """;

    /// <summary>A subscription's attempts, newest first, before attempt id <paramref name="before"/>.</summary>
    public async Task<List<DeliveryRow>> DeliveriesAsync(long id, long before, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<DeliveryRow>(new CommandDefinition(AttemptsSql, new { id, before, limit }, cancellationToken: ct))).AsList();
    }

    // Finished events go with their attempts (ON DELETE CASCADE); pending ones stay whatever their age.
    private const string PruneSql = "DELETE FROM webhook_outbox WHERE state <> 'pending' AND created_at < @before";

    /// <summary>Forgets delivered and given-up events created before <paramref name="before"/>, with their log.</summary>
    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(PruneSql, new { before }, cancellationToken: ct));
    }
}
