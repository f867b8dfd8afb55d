using Dapper;

namespace NewsApi.Taxonomy;

public sealed partial class TaxonomyRepository
{
    /// <summary>Sources whose website URL holds a character a stored URL no longer may (see WebUrl.UnsafeGlob).</summary>
    public async Task<IReadOnlyList<(long Id, string Url)>> UnsafeSourceUrlsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<(long, string)>(new CommandDefinition(
            "SELECT id, url FROM sources WHERE url GLOB @unsafe", new { @unsafe = Text.WebUrl.UnsafeGlob }, cancellationToken: ct))];
    }

    public async Task RewriteSourceUrlsAsync(IReadOnlyList<(long Id, string Url)> rewritten, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE sources SET url = @Url WHERE id = @Id", rewritten.Select(r => new { r.Id, r.Url }), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
