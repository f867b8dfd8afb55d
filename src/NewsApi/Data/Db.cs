using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace NewsApi.Data;

/// <summary>The one place connections come from, so every connection gets the same pragmas.</summary>
public sealed class Db
{
    private readonly string _connectionString;

    public Db(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
        DapperSetup.EnsureRegistered();
    }

    public string DataSource { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(ct);
        // foreign_keys comes from the connection string; journal_mode=WAL is persistent in the file
        // (set by the migrator); these two are per connection.
        await connection.ExecuteAsync(new CommandDefinition("PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL;", cancellationToken: ct));
        return connection;
    }

    /// <summary>Opens a connection and starts a write transaction that takes the write lock at once
    /// (BEGIN IMMEDIATE), so two writers never deadlock upgrading read locks.</summary>
    public async Task<(SqliteConnection Connection, SqliteTransaction Transaction)> BeginWriteAsync(CancellationToken ct = default)
    {
        var connection = await OpenAsync(ct);
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        return (connection, transaction);
    }

    /// <summary>A write transaction that gives up (SqliteException, busy) when the write lock is not free
    /// within <paramref name="lockWait"/> (whole seconds, at least one) instead of the usual 30 s: for
    /// background writes that simply try again later.</summary>
    public async Task<(SqliteConnection Connection, SqliteTransaction Transaction)> BeginWriteAsync(TimeSpan lockWait, CancellationToken ct)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(lockWait.TotalSeconds));
        var connection = await OpenAsync(ct);
        try
        {
            // Microsoft.Data.Sqlite retries a busy statement until the command timeout; SQLite itself waits busy_timeout.
            connection.DefaultTimeout = seconds;
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
