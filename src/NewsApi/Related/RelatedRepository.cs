using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Related;

/// <summary>The reads related-story ranking is built from: curated links, articles sharing a tag or a word,
/// and the candidates' teasers. Ids grow with creation time, so "nearest in time" walks ids outwards from the
/// article's own; <see cref="RelatedRanking"/> does the scoring. One ranking is one connection: the caller
/// opens it (<see cref="OpenAsync"/>) and passes it to each read.</summary>
public sealed class RelatedRepository(Db db, TimeProvider clock)
{
    public Task<SqliteConnection> OpenAsync(CancellationToken ct) => db.OpenAsync(ct);

    private const string CuratedSql = "SELECT " + TeaserRow.Columns + """
         FROM article_related r JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
        WHERE r.article_id = @id AND
        """ + ArticleFilter.PublicPredicate + " ORDER BY r.position LIMIT @limit";

    /// <summary>The public articles an editor linked to <paramref name="articleId"/>, in the editor's order.</summary>
    public async Task<List<TeaserRow>> CuratedAsync(SqliteConnection connection, long articleId, int limit, CancellationToken ct) =>
        (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            CuratedSql, new { id = articleId, limit, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();

    private const string TagsSql = "SELECT tag_id FROM article_tags WHERE article_id = @id";

    // Both sides in one statement, each walking article_tags_tag (tag_id, article_id) from the article outwards.
    private const string NearSql = """
        SELECT article_id FROM (SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id < @id ORDER BY article_id DESC LIMIT @take)
        UNION ALL
        SELECT article_id FROM (SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id > @id ORDER BY article_id LIMIT @take)
        """;

    /// <summary>Each tag of <paramref name="articleId"/>, with up to <paramref name="perSide"/> articles carrying it
    /// on each side of it in time, public or not.</summary>
    public async Task<List<(long TagId, List<long> ArticleIds)>> SharingTagsAsync(SqliteConnection connection, long articleId, int perSide, CancellationToken ct)
    {
        var tags = new List<(long, List<long>)>();
        foreach (var tagId in await connection.QueryAsync<long>(new CommandDefinition(TagsSql, new { id = articleId }, cancellationToken: ct)))
        {
            var near = await connection.QueryAsync<long>(new CommandDefinition(NearSql, new { tagId, id = articleId, take = perSide }, cancellationToken: ct));
            tags.Add((tagId, near.AsList()));
        }
        return tags;
    }

    // The ids bounding the window: the perSide-th matching article below and above the article's own id.
    private const string BoundsSql = """
        SELECT (SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid < @id ORDER BY rowid DESC LIMIT 1 OFFSET @offset),
               (SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid > @id ORDER BY rowid LIMIT 1 OFFSET @offset)
        """;

    // One arm per word, "SELECT <n> AS word, rowid" + HolderFrom + "@w<n>" + HolderWindow, joined by UNION ALL:
    // all the words' holders come back in one statement.
    private const string HolderFrom = " AS word, rowid FROM article_search WHERE article_search MATCH ";
    private const string HolderWindow = " AND rowid BETWEEN @low AND @high AND rowid <> @id";

    /// <summary>For each of <paramref name="words"/> (in their order), the indexed articles holding it, among
    /// the <paramref name="perSide"/> nearest in time on each side of <paramref name="articleId"/> that hold any of them.
    /// The search index holds only public articles.</summary>
    public async Task<List<(string Word, List<long> ArticleIds)>> SharingWordsAsync(SqliteConnection connection, long articleId,
        IReadOnlyList<string> words, int perSide, CancellationToken ct)
    {
        // Each word quoted, so it is a phrase and never FTS5 syntax.
        var any = "{headline excerpt body} : (" + string.Join(" OR ", words.Select(w => "\"" + w + "\"")) + ")";
        var (low, high) = await connection.QuerySingleAsync<(long?, long?)>(new CommandDefinition(
            BoundsSql, new { match = any, id = articleId, offset = perSide - 1 }, cancellationToken: ct));
        var sql = new StringBuilder();
        var args = new DynamicParameters(new { low = low ?? 0, high = high ?? long.MaxValue, id = articleId });
        for (var i = 0; i < words.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "SELECT " : " UNION ALL SELECT ").Append(n).Append(HolderFrom).Append("@w").Append(n).Append(HolderWindow);
            args.Add("w" + n, "{headline excerpt body} : \"" + words[i] + "\"");
        }
        var holders = words.Select(w => (Word: w, ArticleIds: new List<long>())).ToList();
        foreach (var (word, id) in await connection.QueryAsync<(long Word, long Id)>(new CommandDefinition(sql.ToString(), args, cancellationToken: ct)))
            holders[(int)word].ArticleIds.Add(id);
        return holders;
    }

    // Only what scoring needs; the teasers are read for the few that make the list (TeasersAsync).
    private const string CandidateSql = "SELECT a.id, a.section_id, a.published_at FROM articles a WHERE a.id IN @ids AND" + ArticleFilter.PublicPredicate;

    /// <summary>The section and publication time of those of <paramref name="ids"/> that are public, in no order.</summary>
    public async Task<List<RelatedCandidate>> CandidatesAsync(SqliteConnection connection, IReadOnlyList<long> ids, CancellationToken ct) =>
        (await connection.QueryAsync<RelatedCandidate>(new CommandDefinition(
            CandidateSql, new { ids, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();

    private const string TeasersSql = "SELECT " + TeaserRow.Columns + " FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN @ids AND" +
        ArticleFilter.PublicPredicate;

    /// <summary>The teasers of those of <paramref name="ids"/> still public, in no order.</summary>
    public async Task<List<TeaserRow>> TeasersAsync(SqliteConnection connection, IReadOnlyList<long> ids, CancellationToken ct) =>
        (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            TeasersSql, new { ids, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
}

/// <summary>A public article that may be related: what scoring reads besides the shared tags and words.</summary>
public sealed class RelatedCandidate
{
    public long Id { get; init; }
    public long SectionId { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}
