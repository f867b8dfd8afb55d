using System.Text;
using Dapper;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Editorial;

/// <summary>Editorial reads: any status.</summary>
public sealed class AdminArticles(Db db, ArticleMapper mapper)
{
    public async Task<ArticleRow?> FindAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ArticleWriter.LoadAsync(connection, null, id, ct);
    }

    public async Task<Article> ToArticleAsync(ArticleRow row, CancellationToken ct) => (await ToArticlesAsync([row], ct))[0];

    public async Task<IReadOnlyList<Article>> ToArticlesAsync(IReadOnlyList<ArticleRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return [];
        await using var connection = await db.OpenAsync(ct);
        return await mapper.ToArticlesAsync(connection, null, rows, BodyFormats.Html, ct, publicOnly: false);
    }

    /// <summary>Newest first by id, keyset-paged; optionally one status.</summary>
    public async Task<IReadOnlyList<ArticleRow>> ListAsync(string? status, long? beforeId, int limit, CancellationToken ct)
    {
        var sql = new StringBuilder("SELECT ").Append(ArticleRow.Columns).Append(" FROM ").Append(ArticleRow.From).Append(" WHERE 1 = 1");
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

    public async Task<string?> AuthorSlugAsync(long authorId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT slug FROM authors WHERE id = @authorId", new { authorId }, cancellationToken: ct));
    }

    /// <summary>The article as an editor submitted it: what PATCH merges into and a restore writes back.</summary>
    public static ArticleInput ToInput(Article a, string? customExcerpt, string? customCanonicalUrl) => new()
    {
        Headline = a.Headline,
        Subheadline = a.Subheadline,
        Slug = a.Slug,
        Excerpt = customExcerpt,
        Body = a.Body.Html ?? "",
        Dateline = a.Dateline,
        Section = a.Section.Slug,
        Tags = [.. a.Tags.Select(t => t.Slug)],
        Authors = [.. a.Authors.Select(t => t.Slug)],
        Source = a.Source?.Slug,
        Language = a.Language,
        Image = a.Image is null ? null : new ImageInput
        {
            Url = a.Image.Url, Alt = a.Image.Alt, Caption = a.Image.Caption, Credit = a.Image.Credit, Width = a.Image.Width, Height = a.Image.Height,
        },
        CanonicalUrl = customCanonicalUrl,
        Syndication = new SyndicationInput { Allowed = a.Syndication.Allowed },
        EmbargoUntil = a.EmbargoUntil,
    };
}
