using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.WebUtilities;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Access;

public enum RevokeOutcome { Revoked, NotFound, LastAdmin }

public sealed class ApiKeyRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public long? AuthorId { get; init; }
    public string? AuthorSlug { get; init; }
    public string KeyPrefix { get; init; } = "";
    public byte[] KeyHash { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}

/// <summary>API keys: 192 random bits, shown once, stored only as a SHA-256 hash. A key is found by its
/// non-secret prefix and then compared in constant time.</summary>
public sealed class ApiKeyRepository(Db db, TimeProvider clock, ContentClockRepository contentClock, KeyUsage usage)
{
    private const string KeyMarker = "nk_";
    private const int PrefixLength = 12;

    private const string Columns = """
        k.id, k.name, k.role, k.author_id, au.slug AS author_slug, k.key_prefix, k.key_hash, k.created_at, k.last_used_at, k.revoked_at
        """;

    private const string From = " FROM api_keys k LEFT JOIN authors au ON au.id = k.author_id";

    private const string InsertSql = """
        INSERT INTO api_keys (name, role, author_id, key_prefix, key_hash, created_at)
        VALUES (@name, @role, @authorId, @prefix, @hash, @now) RETURNING id
        """;

    public async Task<(ApiKeyRow Row, string Key)> CreateAsync(string name, string role, long? authorId, CancellationToken ct)
    {
        var key = KeyMarker + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        // The name is shown as a revision's createdBy: stored NFC like every other text.
        name = name.Trim().Normalize(NormalizationForm.FormC);
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertSql, new
        {
            name, role, authorId, prefix = key[..PrefixLength], hash = Hash(key), now = clock.GetUtcNow(),
        }, tx, cancellationToken: ct));
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await tx.CommitAsync(ct);
        var row = await connection.QuerySingleAsync<ApiKeyRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: ct));
        return (row, key);
    }

    private const string ByIdSql = "SELECT " + Columns + From + " WHERE k.id = @id";

    /// <summary>The key with <paramref name="id"/>, revoked or not (as the list shows it), or null.</summary>
    public async Task<ApiKeyRow?> FindByIdAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(ByIdSql, new { id }, cancellationToken: ct));
    }

    private const string ByPrefixSql = "SELECT " + Columns + From + " WHERE k.key_prefix = @prefix AND k.revoked_at IS NULL";

    /// <summary>The active key matching <paramref name="presented"/>, or null.</summary>
    public async Task<ApiKeyRow?> FindAsync(string presented, CancellationToken ct)
    {
        if (presented.Length < PrefixLength || presented.Length > 200 || !presented.StartsWith(KeyMarker, StringComparison.Ordinal)) return null;
        var hash = Hash(presented);
        await using var connection = await db.OpenAsync(ct);
        var candidates = await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(ByPrefixSql, new { prefix = presented[..PrefixLength] }, cancellationToken: ct));
        var match = candidates.FirstOrDefault(c => CryptographicOperations.FixedTimeEquals(c.KeyHash, hash));
        // Noted in memory only: KeyUsageFlusher writes it later, so a keyed read never waits for the write lock.
        if (match is not null) usage.Record(match.Id, clock.GetUtcNow());
        return match;
    }

    // Text order is time order (DbTime's fixed format): max() never moves a key's time back, whichever
    // instance or flush writes last.
    private const string RecordUseSql = "UPDATE api_keys SET last_used_at = max(coalesce(last_used_at, ''), @at) WHERE id = @id";

    /// <summary>How long a use-time flush waits for the write lock before it gives up until the next one.</summary>
    private static readonly TimeSpan RecordUsesLockWait = TimeSpan.FromSeconds(1);

    /// <summary>Records when keys were last used, all in one write transaction. A key that no longer exists is skipped.</summary>
    public async Task RecordUsesAsync(IReadOnlyCollection<KeyValuePair<long, DateTimeOffset>> uses, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(RecordUsesLockWait, ct);
        await using var _ = connection;
        await using var __ = tx;
        foreach (var (id, at) in uses)
            await connection.ExecuteAsync(new CommandDefinition(RecordUseSql, new { id, at = DbTime.ToText(at) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private const string ListSql = "SELECT " + Columns + From + " WHERE k.id > @afterId ORDER BY k.id LIMIT @limit";

    /// <summary>Keys in id order after <paramref name="afterId"/>, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(long afterId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(ListSql, new { afterId, limit }, cancellationToken: ct))).AsList();
    }

    private const string RevokeSql = "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL";
    private const string ActiveRoleSql = "SELECT role FROM api_keys WHERE id = @id AND revoked_at IS NULL";
    private const string ActiveAdminsSql = "SELECT count(*) FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL";

    /// <summary>Revokes an active key, unless it is the last active admin key: with none left, only the command
    /// line could make another, and nobody could manage keys or webhooks over HTTP.</summary>
    public async Task<RevokeOutcome> RevokeAsync(long id, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var role = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(ActiveRoleSql, new { id }, tx, cancellationToken: ct));
        if (role is null) return RevokeOutcome.NotFound;
        if (role == Roles.Admin && await connection.ExecuteScalarAsync<long>(new CommandDefinition(ActiveAdminsSql, transaction: tx, cancellationToken: ct)) <= 1)
            return RevokeOutcome.LastAdmin;
        await connection.ExecuteAsync(new CommandDefinition(RevokeSql, new { id, now = clock.GetUtcNow() }, tx, cancellationToken: ct));
        await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await tx.CommitAsync(ct);
        return RevokeOutcome.Revoked;
    }

    private const string AuthorIdSql = "SELECT id FROM authors WHERE slug = @slug";

    /// <summary>The id of the author a new key is for, or null when no author has <paramref name="slug"/>.</summary>
    public async Task<long?> AuthorIdAsync(string slug, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(AuthorIdSql, new { slug }, cancellationToken: ct));
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
