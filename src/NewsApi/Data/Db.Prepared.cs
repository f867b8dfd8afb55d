using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.ObjectPool;

namespace NewsApi.Data;

// Statements kept prepared for the hottest reads (one article by id or slug). Microsoft.Data.Sqlite keeps a
// prepared statement only inside the SqliteCommand that prepared it, and closing the connection finalizes
// them all (dotnet/efcore#14044), so with a connection per request every statement is compiled again on
// every request: for the article read that was two thirds of its database time. Here a few connections stay
// open, each with its commands, and a request borrows one; Microsoft.Extensions.ObjectPool does the pooling.
public sealed partial class Db : IDisposable
{
    // The pool keeps up to twice as many as there are cores (its default): SQLite work is synchronous, so about
    // that many reads run at once; one more is opened (and prepared) when needed and closed after. Each kept
    // connection has its own page cache (up to 2 MB).
    private readonly ObjectPool<PreparedConnection> _prepared = new DefaultObjectPoolProvider().Create(new PreparedPolicy());

    /// <summary>Borrows a connection whose commands stay prepared between requests; dispose the lease
    /// (after the reader) to give it back. Only for reads, and only for SQL that is a constant.</summary>
    public async Task<PreparedLease> RentPreparedAsync(CancellationToken ct)
    {
        var item = _prepared.Get();
        try
        {
            item.Connection ??= await OpenAsync(ct);
        }
        catch
        {
            _prepared.Return(item);
            throw;
        }
        return new PreparedLease(_prepared, item);
    }

    /// <summary>Closes the connections kept for prepared reads (the pooled ones are the pool's).</summary>
    public void Dispose() => (_prepared as IDisposable)?.Dispose();

    private sealed class PreparedPolicy : IPooledObjectPolicy<PreparedConnection>
    {
        public PreparedConnection Create() => new();

        // A connection that failed to open, or broke, is not kept (the pool disposes what it does not keep).
        public bool Return(PreparedConnection obj) => obj.Connection?.State == ConnectionState.Open;
    }
}

/// <summary>An open connection and the commands prepared on it, keyed by their SQL.</summary>
public sealed class PreparedConnection : IDisposable
{
    // Constant SQL only: a statement built per request would be a new entry each time.
    private const int MaxCommands = 32;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    internal SqliteConnection? Connection { get; set; }

    internal SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxCommands)
                throw new InvalidOperationException($"More than {MaxCommands} distinct statements kept prepared: only constant SQL belongs here.");
            command = Connection!.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values) command.Dispose();
        Connection?.Dispose();
    }
}

/// <summary>One borrowed <see cref="PreparedConnection"/>; disposing it gives it back.</summary>
public sealed class PreparedLease(ObjectPool<PreparedConnection> pool, PreparedConnection item) : IDisposable
{
    /// <summary>The command for <paramref name="sql"/>, prepared on first use and reused after; its
    /// parameters are empty, to be added for this execution.</summary>
    public SqliteCommand Command(string sql) => item.Command(sql);

    public void Dispose() => pool.Return(item);
}

/// <summary>Reads rows of a prepared command's result sets with Dapper's row mapping.</summary>
public static class PreparedReads
{
    public static async Task<List<T>> ReadListAsync<T>(this DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<T>();
        var parse = reader.GetRowParser<T>();
        while (await reader.ReadAsync(ct)) rows.Add(parse(reader));
        return rows;
    }

    public static async Task<T?> ReadSingleOrDefaultAsync<T>(this DbDataReader reader, CancellationToken ct) where T : class =>
        await reader.ReadAsync(ct) ? reader.GetRowParser<T>()(reader) : null;
}
