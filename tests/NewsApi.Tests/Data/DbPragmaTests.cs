using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Data;

namespace NewsApi.Tests.Data;

/// <summary>busy_timeout and synchronous are per physical connection and a pooled connection keeps them, so
/// Db sets them once per physical connection; a background write's shorter lock wait must not stay behind.</summary>
[TestFixture]
public sealed class DbPragmaTests
{
    private string _path = null!;
    private Db _db = null!;

    [SetUp]
    public void Create()
    {
        _path = Path.Combine(Path.GetTempPath(), $"newsapi-pragmas-{Guid.NewGuid():N}.db");
        _db = new Db($"Data Source={_path}", TimeSpan.FromSeconds(3));
    }

    [TearDown]
    public void Delete()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    private static async Task<(long BusyTimeout, long Synchronous)> PragmasAsync(SqliteConnection connection) =>
        (await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"), await connection.ExecuteScalarAsync<long>("PRAGMA synchronous"));

    [Test]
    public async Task A_reused_physical_connection_keeps_its_pragmas_without_setting_them_again()
    {
        object handle;
        await using (var first = await _db.OpenAsync())
        {
            handle = first.Handle!;
            Assert.That(await PragmasAsync(first), Is.EqualTo((3000L, 1L)), "busy_timeout = the write lock timeout; synchronous = NORMAL");
            // Changed behind Db's back: if Db set the pragmas on every open, the next open would undo this.
            await first.ExecuteAsync("PRAGMA synchronous = FULL");
        }

        await using var second = await _db.OpenAsync();
        Assert.That(second.Handle, Is.SameAs(handle), "the pool handed out the same physical connection");
        Assert.That(await PragmasAsync(second), Is.EqualTo((3000L, 2L)), "not set again on a reused connection");
    }

    [Test]
    public async Task A_background_writes_shorter_lock_wait_is_undone_for_the_next_user_of_its_connection()
    {
        object handle;
        var (connection, tx) = await _db.BeginWriteAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
        await using (connection)
        await using (tx)
        {
            handle = connection.Handle!;
            Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout", transaction: tx), Is.EqualTo(1000));
            await tx.CommitAsync();
        }

        await using var next = await _db.OpenAsync();
        Assert.That(next.Handle, Is.SameAs(handle), "the pool handed out the same physical connection");
        Assert.That(await PragmasAsync(next), Is.EqualTo((3000L, 1L)));
    }

    [Test]
    public async Task Another_Db_on_the_same_file_with_another_lock_wait_sets_its_own()
    {
        // Whole seconds alike, so both share one pool (the connection string holds the command timeout in seconds).
        using var other = new Db($"Data Source={_path}", TimeSpan.FromSeconds(3.5));
        await using (var first = await _db.OpenAsync()) Assert.That((await PragmasAsync(first)).BusyTimeout, Is.EqualTo(3000));
        await using (var second = await other.OpenAsync()) Assert.That((await PragmasAsync(second)).BusyTimeout, Is.EqualTo(3500));
        await using var third = await _db.OpenAsync();
        Assert.That((await PragmasAsync(third)).BusyTimeout, Is.EqualTo(3000));
    }
}
