using System.Reflection;
using Dapper;

namespace NewsApi.Data;

/// <summary>Applies the embedded Migrations/NNNN_name.sql files in order, each once, each in a transaction.</summary>
public sealed class Migrator(Db db, ILogger<Migrator> logger)
{
    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL)
        """;

    public static IReadOnlyList<(int Version, string Name, string Sql)> Embedded { get; } = LoadEmbedded();

    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        db.EnsureDirectory();
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL", cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(CreateTable, cancellationToken: ct));
        var applied = (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
        var count = 0;
        foreach (var (version, name, sql) in Embedded)
        {
            if (applied.Contains(version)) continue;
            await using var tx = await connection.BeginTransactionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: tx, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied migration {Version} {Name}", version, name);
            count++;
        }
        // Planner statistics: without them SQLite walks the (status, published_at) index for
        // "id IN (…)" lookups, 40 ms instead of 1 ms on 100k articles. 0x10002 analyses only what
        // needs it, bounded in time; the scheduled publisher repeats this hourly as tables grow.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA optimize=0x10002", cancellationToken: ct));
        return count;
    }

    public async Task<bool> IsCurrentAsync(CancellationToken ct = default)
    {
        await using var connection = await db.OpenAsync(ct);
        var latest = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT max(version) FROM schema_migrations", cancellationToken: ct));
        return latest == Embedded[^1].Version;
    }

    private static List<(int, string, string)> LoadEmbedded()
    {
        var assembly = typeof(Migrator).Assembly;
        const string prefix = "NewsApi.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.version)
            .ToList();
    }
}
