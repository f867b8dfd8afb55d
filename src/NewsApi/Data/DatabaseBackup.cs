using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace NewsApi.Data;

/// <summary>What a backup wrote.</summary>
public sealed record BackupResult(string Path, long Bytes, TimeSpan Took);

/// <summary>Online backups through SQLite's backup API: a consistent copy of the database as of one moment, WAL
/// included, taken while the service goes on reading and writing (in WAL mode the copy reads a snapshot and
/// blocks no writer). The copy is made under a temporary name, checked (<c>PRAGMA integrity_check</c>) and only
/// then renamed, so a file with the backup's name is always a whole, sound database.</summary>
public sealed class DatabaseBackup(Db db)
{
    public async Task<BackupResult> BackupAsync(string destination, bool overwrite, CancellationToken ct)
    {
        var target = Path.GetFullPath(destination);
        var source = Path.GetFullPath(db.DataSource);
        if (string.Equals(target, source, StringComparison.Ordinal)) throw new IOException($"{target} is the database itself; back it up to another file.");
        // Opening a missing database would create an empty one, and "back it up" successfully.
        if (!File.Exists(source)) throw new IOException($"There is no database at {source} (ConnectionStrings:NewsDb).");
        if (!overwrite && File.Exists(target)) throw new IOException($"{target} exists; choose another name (or --force to replace it).");
        if (Path.GetDirectoryName(target) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        var temporary = target + ".partial";
        DeleteWithSidecars(temporary);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using (var live = await db.OpenAsync(ct))
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temporary, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                live.BackupDatabase(copy);
                // The copy stands on its own: one file, no -wal beside it.
                await copy.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=DELETE", cancellationToken: ct));
                var check = await copy.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA integrity_check", cancellationToken: ct));
                if (check != "ok") throw new InvalidOperationException($"The copy failed its integrity check: {check}");
            }
            File.Move(temporary, target, overwrite);
            return new BackupResult(target, new FileInfo(target).Length, Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            DeleteWithSidecars(temporary);
        }
    }

    private static void DeleteWithSidecars(string path)
    {
        foreach (var suffix in new[] { "", "-journal", "-wal", "-shm" }) File.Delete(path + suffix);
    }
}

/// <summary>The <c>Backup</c> configuration section: optional scheduled backups.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Where scheduled backups go; empty (the default): none are made.</summary>
    public string Directory { get; set; } = "";

    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many scheduled backups to keep; older ones are deleted after each new one.</summary>
    public int Keep { get; set; } = 7;
}

/// <summary>Makes a backup into <c>Backup:Directory</c> every <c>Backup:Every</c> and keeps the newest
/// <c>Backup:Keep</c>. A failed backup is logged and tried again at the next time.</summary>
public sealed class ScheduledBackups(DatabaseBackup backup, IOptions<BackupOptions> options, TimeProvider clock, ILogger<ScheduledBackups> logger)
    : BackgroundService
{
    public const string Prefix = "newsapi-";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrWhiteSpace(o.Directory)) return;
        // Counted from the newest backup already there, not from this start: a service restarted more often than
        // Every (daily deploys, daily backups) would otherwise never make one.
        var newest = System.IO.Directory.Exists(o.Directory)
            ? System.IO.Directory.GetFiles(o.Directory, Prefix + "*.db").Select(f => (DateTimeOffset?)File.GetLastWriteTimeUtc(f)).Max()
            : null;
        var first = newest is { } at ? at + o.Every - clock.GetUtcNow() : TimeSpan.Zero;
        if (first > TimeSpan.Zero) await Task.Delay(first, clock, stoppingToken);
        using var timer = new PeriodicTimer(o.Every, clock);
        do
        {
            try
            {
                var name = Path.Combine(o.Directory, Prefix + clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture) + ".db");
                var made = await backup.BackupAsync(name, overwrite: true, stoppingToken);
                logger.LogInformation("Backed up the database to {Path} ({Bytes} bytes in {Took})", made.Path, made.Bytes, made.Took);
                // The names sort by time: everything before the newest Keep goes.
                foreach (var old in System.IO.Directory.GetFiles(o.Directory, Prefix + "*.db").Order(StringComparer.Ordinal).SkipLast(Math.Max(1, o.Keep)))
                    File.Delete(old);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "The scheduled backup failed; trying again in {Every}", o.Every);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
