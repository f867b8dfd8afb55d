using Dapper;
using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Related;

/// <summary>Related stories: editor-curated first, then public articles sharing tags (rarer tags weigh more).</summary>
public sealed class RelatedRanking(Db db, TimeProvider clock, ArticleMapper mapper)
{
    private const string CuratedSql = "SELECT " + TeaserRow.Columns + """
         FROM article_related r JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
        WHERE r.article_id = @id AND
        """ + ArticleFilter.PublicPredicate + " ORDER BY r.position LIMIT @limit";

    // Tag weight is an inverse document frequency: a tag on few articles says more than one on thousands.
    private const string TopicSql = "SELECT " + TeaserRow.Columns + """
         FROM (
            SELECT other.article_id AS id, sum(1.0 / (SELECT count(*) FROM article_tags c WHERE c.tag_id = me.tag_id)) AS score
            FROM article_tags me JOIN article_tags other ON other.tag_id = me.tag_id AND other.article_id <> me.article_id
            WHERE me.article_id = @id GROUP BY other.article_id) ranked
        JOIN articles a ON a.id = ranked.id JOIN sections s ON s.id = a.section_id
        WHERE a.id NOT IN @exclude AND
        """ + ArticleFilter.PublicPredicate + """
         ORDER BY ranked.score DESC, (a.section_id = @sectionId) DESC, a.published_at DESC, a.id DESC LIMIT @limit
        """;

    public async Task<IReadOnlyList<RelatedTeaser>> RankAsync(ArticleRow article, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var curated = (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            CuratedSql, new { id = article.Id, limit, now }, cancellationToken: ct))).AsList();
        var items = curated.Select(r => RelatedTeaser.From(mapper.ToTeaser(r), "curated")).ToList();
        if (items.Count < limit)
        {
            var exclude = curated.Select(c => c.Id).Append(article.Id).ToArray();
            var topic = await connection.QueryAsync<TeaserRow>(new CommandDefinition(TopicSql,
                new { id = article.Id, exclude, sectionId = article.SectionId, limit = limit - items.Count, now }, cancellationToken: ct));
            items.AddRange(topic.Select(r => RelatedTeaser.From(mapper.ToTeaser(r), "topic")));
        }
        return items;
    }
}
