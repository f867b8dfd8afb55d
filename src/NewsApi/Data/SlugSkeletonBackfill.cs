using Dapper;
using NewsApi.Text;

namespace NewsApi.Data;

/// <summary>Start-up: works out the <see cref="Confusables"/> skeletons stored beside slugs where they are missing
/// (rows written before migration 0009, or by a bulk load) or were worked out with another table version. Each
/// repository passes its own SQL; this only pages through it, working skeletons out between write transactions.</summary>
public static class SlugSkeletonBackfill
{
    private const int Batch = 1000;

    private const string VersionSql = "SELECT value FROM settings WHERE name = @name";

    private const string MarkVersionSql = """
        INSERT INTO settings (name, value) VALUES (@name, @version) ON CONFLICT (name) DO UPDATE SET value = excluded.value
        """;

    /// <summary>One table's statements. <paramref name="MissingSql"/> and <paramref name="AllSql"/> page slugs in
    /// order (<c>@after</c>, <c>@limit</c>); <paramref name="UpdateSql"/> sets <c>@skeleton</c> on <c>@slug</c>.</summary>
    public sealed record Table(string MissingSql, string AllSql, string UpdateSql);

    /// <summary>Fills every table in; when the version recorded as <paramref name="setting"/> is not
    /// <see cref="Confusables.Version"/>, every row again. Returns how many rows were written.</summary>
    public static async Task<int> RunAsync(Db db, string setting, IReadOnlyList<Table> tables, CancellationToken ct)
    {
        bool all;
        await using (var connection = await db.OpenAsync(ct))
            all = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(VersionSql, new { name = setting }, cancellationToken: ct)) != Confusables.Version;
        var written = 0;
        foreach (var table in tables) written += await FillAsync(db, all ? table.AllSql : table.MissingSql, table.UpdateSql, ct);
        var (write, tx) = await db.BeginWriteAsync(ct);
        await using (write)
        await using (tx)
        {
            await write.ExecuteAsync(new CommandDefinition(MarkVersionSql, new { name = setting, version = Confusables.Version }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
        }
        return written;
    }

    private static async Task<int> FillAsync(Db db, string pageSql, string updateSql, CancellationToken ct)
    {
        var written = 0;
        var after = "";
        while (true)
        {
            List<string> slugs;
            await using (var connection = await db.OpenAsync(ct))
                slugs = (await connection.QueryAsync<string>(new CommandDefinition(pageSql, new { after, limit = Batch }, cancellationToken: ct))).AsList();
            if (slugs.Count == 0) return written;
            // Outside the transaction (architecture rule 7a); a batch at a time, so no writer waits long.
            var rows = slugs.Select(slug => new { slug, skeleton = SlugSafety.Skeleton(slug) }).ToList();
            var (write, tx) = await db.BeginWriteAsync(ct);
            await using (write)
            await using (tx)
            {
                written += await write.ExecuteAsync(new CommandDefinition(updateSql, rows, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
            }
            after = slugs[^1];
        }
    }
}
