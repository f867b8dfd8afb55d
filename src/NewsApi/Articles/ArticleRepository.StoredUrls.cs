using Dapper;

namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    /// <summary>Rows whose image or canonical URL holds a character a stored URL no longer may (anything outside
    /// printable ASCII, a space, a quote, angle brackets…): written before links were stored re-serialised.</summary>
    private const string UnsafeUrlsSql = """
        SELECT id, image_url AS ImageUrl, canonical_url AS CanonicalUrl FROM articles
        WHERE image_url GLOB @unsafe OR canonical_url GLOB @unsafe
        """;

    public sealed record StoredUrls(long Id, string? ImageUrl, string? CanonicalUrl);

    /// <summary>Whether the one-time rewrite migration 0010 asks for is still to be done.</summary>
    public async Task<bool> StoredLinksRewritePendingAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM settings WHERE name = 'stored_links_rewrite'", cancellationToken: ct)) > 0;
    }

    public async Task StoredLinksRewriteDoneAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM settings WHERE name = 'stored_links_rewrite'", cancellationToken: ct));
    }

    public async Task<IReadOnlyList<StoredUrls>> UnsafeUrlsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return [.. await connection.QueryAsync<StoredUrls>(new CommandDefinition(UnsafeUrlsSql, new { @unsafe = Text.WebUrl.UnsafeGlob }, cancellationToken: ct))];
    }

    /// <summary>The same links in their safe form. Not a revision: what the link points at is unchanged.</summary>
    public async Task RewriteUrlsAsync(IReadOnlyList<StoredUrls> rewritten, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE articles SET image_url = @ImageUrl, canonical_url = @CanonicalUrl WHERE id = @Id", rewritten, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }
}
