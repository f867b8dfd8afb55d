using Dapper;

namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    /// <summary>Rows whose image or canonical URL holds a character a stored URL no longer may (anything outside
    /// printable ASCII, a space, a quote, angle brackets…): written before links were stored re-serialised. GLOB
    /// stops at a NUL, so that is looked for apart.</summary>
    private const string UnsafeUrlsSql = """
        SELECT id, image_url AS ImageUrl, canonical_url AS CanonicalUrl FROM articles
        WHERE image_url GLOB @unsafe OR canonical_url GLOB @unsafe OR instr(image_url, char(0)) > 0 OR instr(canonical_url, char(0)) > 0
        """;

    private const string RewriteUrlsSql = "UPDATE articles SET image_url = @ImageUrl, canonical_url = @CanonicalUrl WHERE id = @Id";

    private const string RewritePendingSql = "SELECT count(*) FROM settings WHERE name = 'stored_links_rewrite'";

    private const string RewriteDoneSql = "DELETE FROM settings WHERE name = 'stored_links_rewrite'";

    public sealed record StoredUrls(long Id, string? ImageUrl, string? CanonicalUrl);

    /// <summary>Whether the one-time rewrite migration 0010 asks for is still to be done.</summary>
    public async Task<bool> StoredLinksRewritePendingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(RewritePendingSql, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<StoredUrls>> UnsafeUrlsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<StoredUrls>(new CommandDefinition(UnsafeUrlsSql, new { @unsafe = Text.WebUrl.UnsafeGlob }, cancellationToken: ct))];
    }

    /// <summary>The same links in their safe form, and the request cleared, in one transaction. Not a revision: what
    /// the link points at is unchanged.</summary>
    public async Task RewriteUrlsAsync(IReadOnlyList<StoredUrls> rewritten, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        if (rewritten.Count > 0) await connection.ExecuteAsync(new CommandDefinition(RewriteUrlsSql, rewritten, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(RewriteDoneSql, transaction: tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
