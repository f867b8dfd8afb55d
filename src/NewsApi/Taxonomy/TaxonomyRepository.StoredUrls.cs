using Dapper;

namespace NewsApi.Taxonomy;

public sealed partial class TaxonomyRepository
{
    /// <summary>Sources whose website URL holds a character a stored URL no longer may (see WebUrl.UnsafeGlob; GLOB
    /// stops at a NUL, so that is looked for apart).</summary>
    private const string UnsafeSourceUrlsSql = "SELECT id, url FROM sources WHERE url GLOB @unsafe OR instr(url, char(0)) > 0";

    private const string RewriteSourceUrlSql = "UPDATE sources SET url = @Url WHERE id = @Id";

    public async Task<IReadOnlyList<(long Id, string Url)>> UnsafeSourceUrlsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<(long, string)>(new CommandDefinition(UnsafeSourceUrlsSql, new { @unsafe = Text.WebUrl.UnsafeGlob }, cancellationToken: ct))];
    }

    public async Task RewriteSourceUrlsAsync(IReadOnlyList<(long Id, string Url)> rewritten, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        await connection.ExecuteAsync(new CommandDefinition(RewriteSourceUrlSql, rewritten.Select(r => new { r.Id, r.Url }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
