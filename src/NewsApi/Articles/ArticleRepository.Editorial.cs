using System.Data;
using System.Text;
using Dapper;
using NewsApi.Editorial;

namespace NewsApi.Articles;

/// <summary>Editorial reads: any status, revisions, the scheduler's queue.</summary>
public sealed partial class ArticleRepository
{
    /// <summary>Newest first by id, keyset-paged; optionally one status.</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAnyStatusAsync(string? status, long? beforeId, int limit, CancellationToken ct)
    {
        var sql = new StringBuilder(ListSelect).Append(" WHERE 1 = 1");
        if (status is not null) sql.Append(" AND a.status = @status");
        if (beforeId is not null) sql.Append(" AND a.id < @beforeId");
        sql.Append(" ORDER BY a.id DESC LIMIT @limit");
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql.ToString(), new { status, beforeId, limit }, cancellationToken: ct))).AsList();
    }

    private const string DueSql = "SELECT id FROM articles WHERE status = 'scheduled' AND published_at <= @now ORDER BY published_at, id";

    /// <summary>The scheduled articles whose publication time has come by <paramref name="now"/>, earliest first.</summary>
    public async Task<List<long>> DueScheduledAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(DueSql, new { now }, cancellationToken: ct))).AsList();
    }

    private const string ExistingSql = "SELECT id FROM articles WHERE id IN @ids";

    /// <summary>Which of <paramref name="ids"/> name an article, of any status.</summary>
    public async Task<HashSet<long>> ExistingAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(ExistingSql, new { ids }, cancellationToken: ct))).ToHashSet();
    }

    private const string AnyArticleSql = "SELECT EXISTS (SELECT 1 FROM articles)";

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyArticleSql, cancellationToken: ct));
    }

    private const string HeadlineExistsSql = "SELECT EXISTS (SELECT 1 FROM articles WHERE headline = @headline)";

    public async Task<bool> AnyWithHeadlineAsync(string headline, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(HeadlineExistsSql, new { headline }, cancellationToken: ct));
    }

    private const string RevisionsSql = """
        SELECT number, created_at, created_by, snapshot FROM article_revisions
        WHERE article_id = @id AND (@before IS NULL OR number < @before) ORDER BY number DESC LIMIT @limit
        """;

    /// <summary>An article's saved versions, newest first, keyset-paged by revision number.</summary>
    public async Task<List<RevisionRow>> ListRevisionsAsync(long id, long? before, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<RevisionRow>(new CommandDefinition(RevisionsSql, new { id, before, limit }, cancellationToken: ct))).AsList();
    }

    private const string RevisionSql = "SELECT number, created_at, created_by, snapshot FROM article_revisions WHERE article_id = @id AND number = @number";

    public async Task<RevisionRow?> FindRevisionAsync(long id, long number, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<RevisionRow>(new CommandDefinition(RevisionSql, new { id, number }, cancellationToken: ct));
    }

    private const string AuthorSlugSql = "SELECT slug FROM authors WHERE id = @authorId";

    /// <summary>The slug of the author an article is owned by (what an author key's ownership is checked against).</summary>
    public async Task<string?> OwnerSlugAsync(long authorId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(AuthorSlugSql, new { authorId }, cancellationToken: ct));
    }

    /// <summary>Inside a write transaction, or a reader's connection: one article, any status.</summary>
    internal static Task<ArticleRow?> LoadAsync(IDbConnection connection, IDbTransaction? tx, long id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition(ArticleRow.ById, new { id }, tx, cancellationToken: ct));
}
