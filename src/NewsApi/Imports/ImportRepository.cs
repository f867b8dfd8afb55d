using System.Text.Json;
using Dapper;
using NewsApi.Data;

namespace NewsApi.Imports;

/// <summary>Dapper target for the imports table.</summary>
public sealed class ImportRow
{
    public long Id { get; init; }
    public string Status { get; init; } = "";
    public bool DryRun { get; init; }
    public long Processed { get; init; }
    public long Created { get; init; }
    public long Updated { get; init; }
    public long Skipped { get; init; }
    public string Errors { get; init; } = "[]";
    public string? Summary { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
}

/// <summary>The HTTP import jobs: every SQL statement on the imports table.</summary>
public sealed class ImportRepository(Db db, TimeProvider clock)
{
    private const string Columns = "id, status, dry_run, processed, created, updated, skipped, errors, summary, started_at, finished_at";

    private const string InsertSql = """
        INSERT INTO imports (status, dry_run, created_by, started_at) VALUES ('running', @dryRun, @createdBy, @now)
        RETURNING
        """ + " " + Columns;

    public async Task<ImportRow> StartAsync(bool dryRun, string createdBy, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var row = await connection.QuerySingleAsync<ImportRow>(new CommandDefinition(InsertSql, new { dryRun, createdBy, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return row;
    }

    private const string FindSql = "SELECT " + Columns + " FROM imports WHERE id = @id";

    public async Task<ImportRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ImportRow>(new CommandDefinition(FindSql, new { id }, cancellationToken: ct));
    }

    private const string ProgressSql = """
        UPDATE imports SET processed = @Processed, created = @Created, updated = @Updated, skipped = @Skipped WHERE id = @id AND status = 'running'
        """;

    public async Task ProgressAsync(long id, ImportSummary summary, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ProgressSql, new { id, summary.Processed, summary.Created, summary.Updated, summary.Skipped }, cancellationToken: ct));
    }

    private const string FinishSql = """
        UPDATE imports SET status = @status, processed = @processed, created = @created, updated = @updated, skipped = @skipped,
            errors = @errors, summary = @summary, finished_at = @now
        WHERE id = @id
        """;

    /// <param name="fatal">Why the import stopped (a broken file, a restart); null when it ran to the end.</param>
    public async Task FinishAsync(long id, ImportSummary summary, string? fatal, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var errors = fatal is null ? summary.Errors : [fatal, .. summary.Errors];
        await connection.ExecuteAsync(new CommandDefinition(FinishSql, new
        {
            id,
            status = fatal is null ? "succeeded" : "failed",
            processed = summary.Processed,
            created = summary.Created,
            updated = summary.Updated,
            skipped = summary.Skipped,
            errors = JsonSerializer.Serialize(errors),
            summary = JsonSerializer.Serialize(summary, ImportJson.Options),
            now = clock.GetUtcNow(),
        }, cancellationToken: ct));
    }

    private const string FailInterruptedSql = """
        UPDATE imports SET status = 'failed', errors = json_insert(errors, '$[#]', @reason), finished_at = @now
        WHERE status = 'running'
        """;

    /// <summary>At start-up, before this process runs imports of its own: a running one belonged to a process that
    /// stopped, and will never finish. (Instances that share a database would fail each other's: run imports on one.)</summary>
    public async Task<int> FailInterruptedAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(FailInterruptedSql, new
        {
            now = clock.GetUtcNow(),
            reason = "The service stopped during this import; what was imported stays. Run the import again: it updates instead of duplicating.",
        }, cancellationToken: ct));
    }
}

internal static class ImportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
