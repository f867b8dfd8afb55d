using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace NewsApi.Data;

/// <summary>The one place connections come from, so every connection gets the same pragmas.</summary>
public sealed partial class Db
{
    public static readonly TimeSpan DefaultWriteLockTimeout = TimeSpan.FromSeconds(5);

    private readonly string _connectionString;
    private readonly string _pragmas;

    /// <param name="writeLockTimeout">How long a statement waits for a lock another connection holds (in
    /// practice the one write lock) before it fails with SQLITE_BUSY; 5 s when null.</param>
    public Db(string connectionString, TimeSpan? writeLockTimeout = null)
    {
        WriteLockTimeout = writeLockTimeout ?? DefaultWriteLockTimeout;
        if (WriteLockTimeout <= TimeSpan.Zero || WriteLockTimeout > TimeSpan.FromMinutes(1))
            throw new ArgumentOutOfRangeException(nameof(writeLockTimeout), WriteLockTimeout,
                "NewsApi:WriteLockTimeout must be more than zero and at most a minute, written as a time span: 00:00:05 is five seconds (a bare 5 would be five days).");
        // Two waits stack: SQLite's busy handler blocks each step for up to busy_timeout, and
        // Microsoft.Data.Sqlite steps again (150 ms apart) until the command timeout has passed. With
        // the command timeout (whole seconds, 0 would mean forever) at most busy_timeout, the first
        // busy step already exhausts it, so the total wait is busy_timeout (at least about a second).
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, (int)WriteLockTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        _pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout={(long)WriteLockTimeout.TotalMilliseconds}; PRAGMA synchronous=NORMAL;");
        DataSource = builder.DataSource;
        DapperSetup.EnsureRegistered();
    }

    public string DataSource { get; }

    /// <summary>The longest a write waits for the write lock before it fails (see <see cref="IsLockWait"/>).</summary>
    public TimeSpan WriteLockTimeout { get; }

    /// <summary>A statement gave up waiting for a lock another connection held: SQLITE_BUSY (5) or
    /// SQLITE_LOCKED (6). Nothing was written; the same request may succeed a moment later.</summary>
    public static bool IsLockWait(Exception exception) => exception is SqliteException { SqliteErrorCode: 5 or 6 };

    /// <summary>The pragmas last run on each physical connection. Pooling hands out the same physical
    /// connection (the same <see cref="sqlite3"/> handle) again and again, and it keeps its pragmas, so they
    /// run once per physical connection rather than on every open; keyed weakly, so a connection the pool
    /// closes takes its entry with it. The value, not mere presence, is compared: two <see cref="Db"/>s on one
    /// file with other lock waits can share a pool.</summary>
    private static readonly ConditionalWeakTable<sqlite3, string> Configured = new();

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // foreign_keys comes from the connection string; journal_mode=WAL is persistent in the file
            // (set by the migrator); these two are per connection.
            var handle = connection.Handle!;
            if (!Configured.TryGetValue(handle, out var applied) || !string.Equals(applied, _pragmas, StringComparison.Ordinal))
            {
                await connection.ExecuteAsync(new CommandDefinition(_pragmas, cancellationToken: ct));
                Configured.AddOrUpdate(handle, _pragmas);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>For a caller that changed <paramref name="connection"/>'s pragmas: it goes back to the pool
    /// changed, so its next open sets the usual ones again.</summary>
    public static void Forget(SqliteConnection connection) => Configured.Remove(connection.Handle!);

    /// <summary>Opens a connection and starts a write transaction that takes the write lock at once
    /// (BEGIN IMMEDIATE), so two writers never deadlock upgrading read locks.</summary>
    public async Task<(SqliteConnection Connection, SqliteTransaction Transaction)> BeginWriteAsync(CancellationToken ct = default)
    {
        var connection = await OpenAsync(ct);
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        return (connection, transaction);
    }

    /// <summary>A write transaction that gives up (SqliteException, busy) when the write lock is not free
    /// within <paramref name="lockWait"/> (whole seconds, at least one) instead of <see cref="WriteLockTimeout"/>: for
    /// background writes that simply try again later.</summary>
    public async Task<(SqliteConnection Connection, SqliteTransaction Transaction)> BeginWriteAsync(TimeSpan lockWait, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(lockWait.TotalSeconds));
        var connection = await OpenAsync(ct);
        try
        {
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout; SQLite itself waits busy_timeout.
            connection.DefaultTimeout = seconds;
            Forget(connection);
            await connection.ExecuteAsync(new CommandDefinition($"PRAGMA busy_timeout={seconds * 1000}", cancellationToken: ct));
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            return (connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void EnsureDirectory()
    {
        if (string.IsNullOrEmpty(DataSource) || DataSource == ":memory:") return;
        var dir = Path.GetDirectoryName(Path.GetFullPath(DataSource));
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }
}

public static class DbTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset value) => value.ToUniversalTime().ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}

internal static class DapperSetup
{
    private static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // Without RemoveTypeMap Dapper's built-in map wins on writes and stores local offsets.
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
    }

    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = DbTime.ToText(value);
        }

        public override DateTimeOffset Parse(object value) => DbTime.Parse((string)value);
    }
}
