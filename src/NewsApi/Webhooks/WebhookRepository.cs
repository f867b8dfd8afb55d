using Dapper;
using Microsoft.Extensions.Options;
using NewsApi.Data;

namespace NewsApi.Webhooks;

/// <summary>A <c>webhooks</c> row (Dapper target: a class, as Dapper maps TEXT dates only through setters).</summary>
public sealed class WebhookRow
{
    public long Id { get; init; }
    public string Url { get; init; } = "";
    public string Events { get; init; } = "";
    public string? Description { get; init; }
    public string Secret { get; init; } = "";
    public string? PreviousSecret { get; init; }
    public DateTimeOffset? PreviousSecretUntil { get; init; }
    public bool Active { get; init; }
    public string? DisabledReason { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public long Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public Webhook ToWebhook() => new(Id, Url, EventList, Description, Active, DisabledReason, FailingSince, PreviousSecretUntil,
        CreatedAt, UpdatedAt, Version);
}

public enum WebhookWriteOutcome { Done, NotFound, VersionMismatch }

/// <summary>The webhook aggregate over SQLite: subscriptions (this file), the events article writes queue inside
/// their own transactions (<c>.Events.cs</c>), and the dispatcher's deliveries and log (<c>.Deliveries.cs</c>).</summary>
public sealed partial class WebhookRepository(Db db, TimeProvider clock, IOptions<WebhookOptions> options)
{
    /// <summary>Rung after every commit that queued an event; the dispatcher waits on it.</summary>
    public Caching.OutboxSignal Signal { get; } = new();

    private const string Columns = """
        id, url, events, description, secret, previous_secret, previous_secret_until, active, disabled_reason,
        failing_since, version, created_at, updated_at
        """;

    private const string InsertSql = """
        INSERT INTO webhooks (url, events, description, secret, active, version, created_at, updated_at)
        VALUES (@url, @events, @description, @secret, 1, 1, @now, @now)
        RETURNING
        """ + " " + Columns;

    public async Task<WebhookRow> CreateAsync(string url, IReadOnlyList<string> events, string? description, string secret, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleAsync<WebhookRow>(new CommandDefinition(InsertSql,
            new { url, events = string.Join(' ', events), description, secret, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    private const string ByIdSql = "SELECT " + Columns + " FROM webhooks WHERE id = @id";

    public async Task<WebhookRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: ct));
    }

    private const string ListSql = "SELECT " + Columns + " FROM webhooks WHERE id > @after ORDER BY id LIMIT @limit";

    /// <summary>Oldest first, after id <paramref name="after"/>.</summary>
    public async Task<List<WebhookRow>> ListAsync(long after, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<WebhookRow>(new CommandDefinition(ListSql, new { after, limit }, cancellationToken: ct))).AsList();
    }

    // Turning a subscription back on clears why it was off and its failure streak: it starts afresh.
    private const string UpdateSql = """
        UPDATE webhooks SET url = @url, events = @events, description = @description, active = @active,
            disabled_reason = CASE WHEN @active THEN NULL ELSE disabled_reason END,
            failing_since = CASE WHEN @active AND active = 0 THEN NULL ELSE failing_since END,
            version = version + 1, updated_at = @now
        WHERE id = @id AND version = @expectedVersion
        RETURNING
        """ + " " + Columns;

    public async Task<(WebhookWriteOutcome Outcome, WebhookRow? Row)> UpdateAsync(long id, long expectedVersion, string url,
        IReadOnlyList<string> events, string? description, bool active, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(UpdateSql,
            new { id, expectedVersion, url, events = string.Join(' ', events), description, active, now = clock.GetUtcNow() }, cancellationToken: ct));
        if (row is not null)
        {
            // Turned on (again): what waited while it was off is due now, not at its old backoff time.
            if (active) await connection.ExecuteAsync(new CommandDefinition(BringForwardSql, new { id, now = clock.GetUtcNow() }, cancellationToken: ct));
            return (WebhookWriteOutcome.Done, row);
        }
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT count(*) FROM webhooks WHERE id = @id", new { id }, cancellationToken: ct));
        return (exists ? WebhookWriteOutcome.VersionMismatch : WebhookWriteOutcome.NotFound, null);
    }

    private const string DeleteSql = "DELETE FROM webhooks WHERE id = @id AND (@expectedVersion IS NULL OR version = @expectedVersion)";

    /// <summary>Deletes the subscription with its queued events and log.</summary>
    public async Task<bool> DeleteAsync(long id, long? expectedVersion, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id, expectedVersion }, cancellationToken: ct)) == 1;
    }

    private const string RotateSql = """
        UPDATE webhooks SET previous_secret = secret, previous_secret_until = @until, secret = @secret,
            version = version + 1, updated_at = @now
        WHERE id = @id
        RETURNING
        """ + " " + Columns;

    /// <summary>A new secret; the current one keeps signing beside it for <c>Webhooks:RotationOverlap</c>
    /// (a second rotation within that time drops the oldest).</summary>
    public async Task<WebhookRow?> RotateSecretAsync(long id, string secret, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(RotateSql,
            new { id, secret, until = now + options.Value.RotationOverlap, now }, cancellationToken: ct));
    }
}
