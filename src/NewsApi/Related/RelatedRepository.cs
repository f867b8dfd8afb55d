using Dapper;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Related;

/// <summary>The reads related-story ranking is built from: curated links, articles sharing a tag or a word,
/// and the candidates' teasers. Ids grow with creation time, so "nearest in time" walks ids outwards from the
/// article's own; <see cref="RelatedRanking"/> does the scoring.</summary>
public sealed class RelatedRepository(Db db, TimeProvider clock)
{
    private const string CuratedSql = "SELECT " + TeaserRow.Columns + """
         FROM article_related r JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
        WHERE r.article_id = @id AND
        """ + ArticleFilter.PublicPredicate + " ORDER BY r.position LIMIT @limit";

    /// <summary>The public articles an editor linked to <paramref name="articleId"/>, in the editor's order.</summary>
    public async Task<List<TeaserRow>> CuratedAsync(long articleId, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            CuratedSql, new { id = articleId, limit, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }

    private const string TagsSql = "SELECT tag_id FROM article_tags WHERE article_id = @id";
    private const string OlderSql = "SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id < @id ORDER BY article_id DESC LIMIT @take";
    private const string NewerSql = "SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id > @id ORDER BY article_id LIMIT @take";

    /// <summary>Each tag of <paramref name="articleId"/>, with up to <paramref name="perSide"/> articles carrying it
    /// on each side of it in time (older ones first), public or not.</summary>
    public async Task<List<(long TagId, List<long> ArticleIds)>> SharingTagsAsync(long articleId, int perSide, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var tags = new List<(long, List<long>)>();
        foreach (var tagId in await connection.QueryAsync<long>(new CommandDefinition(TagsSql, new { id = articleId }, cancellationToken: ct)))
        {
            var args = new { tagId, id = articleId, take = perSide };
            var near = (await connection.QueryAsync<long>(new CommandDefinition(OlderSql, args, cancellationToken: ct))).AsList();
            near.AddRange(await connection.QueryAsync<long>(new CommandDefinition(NewerSql, args, cancellationToken: ct)));
            tags.Add((tagId, near));
        }
        return tags;
    }

    private const string LowerBoundSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid < @id ORDER BY rowid DESC LIMIT 1 OFFSET @offset";
    private const string UpperBoundSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid > @id ORDER BY rowid LIMIT 1 OFFSET @offset";
    private const string HoldersSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid BETWEEN @low AND @high AND rowid <> @id";

    /// <summary>For each of <paramref name="words"/> (in their order), the indexed articles holding it, among
    /// the <paramref name="perSide"/> nearest in time on each side of <paramref name="articleId"/> that hold any of them.
    /// The search index holds only public articles.</summary>
    public async Task<List<(string Word, List<long> ArticleIds)>> SharingWordsAsync(long articleId, IReadOnlyList<string> words, int perSide, CancellationToken ct)
    {
        // Each word quoted, so it is a phrase and never FTS5 syntax.
        var any = "{headline excerpt body} : (" + string.Join(" OR ", words.Select(w => "\"" + w + "\"")) + ")";
        var bound = new { match = any, id = articleId, offset = perSide - 1 };
        await using var connection = await db.OpenAsync(ct);
        var low = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LowerBoundSql, bound, cancellationToken: ct)) ?? 0;
        var high = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(UpperBoundSql, bound, cancellationToken: ct)) ?? long.MaxValue;
        var holders = new List<(string, List<long>)>();
        foreach (var word in words)
        {
            var match = "{headline excerpt body} : \"" + word + "\"";
            holders.Add((word, (await connection.QueryAsync<long>(new CommandDefinition(
                HoldersSql, new { match, low, high, id = articleId }, cancellationToken: ct))).AsList()));
        }
        return holders;
    }

    private const string CandidateSql = "SELECT " + TeaserRow.Columns + ", a.section_id FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN @ids AND " + ArticleFilter.PublicPredicate;

    /// <summary>The teasers (with their section id) of those of <paramref name="ids"/> that are public, in no order.</summary>
    public async Task<List<TeaserRow>> CandidatesAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            CandidateSql, new { ids, now = clock.GetUtcNow() }, cancellationToken: ct))).AsList();
    }
}
