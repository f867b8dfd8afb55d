using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Search;

namespace NewsApi.Related;

/// <summary>Related stories: editor-curated first (reason <c>curated</c>), then public articles ranked by
/// shared tags weighted by rarity (IDF), text similarity (the article's most distinctive words matched
/// against the search index), the same section, and a decay with the distance in publication time.
/// Each has the reason that contributed most (<c>topic</c> or <c>text</c>). Order is deterministic.</summary>
public sealed class RelatedRanking(Db db, TimeProvider clock, ArticleMapper mapper, TermStatistics statistics)
{
    private const int CandidatesPerTag = 300;
    private const int TextCandidates = 60;
    private const int MaxCandidates = 60;
    private const int DistinctiveTerms = 6;
    private const int TextWindow = 600;
    private const double TopicWeight = 1.0, TextWeight = 0.8, SectionWeight = 0.15;
    private const double DecayDays = 45;

    private const string CuratedSql = "SELECT " + TeaserRow.Columns + """
         FROM article_related r JOIN articles a ON a.id = r.related_id JOIN sections s ON s.id = a.section_id
        WHERE r.article_id = @id AND
        """ + ArticleFilter.PublicPredicate + " ORDER BY r.position LIMIT @limit";

    public async Task<IReadOnlyList<RelatedTeaser>> RankAsync(ArticleRow article, int limit, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var now = clock.GetUtcNow();
        var curated = (await connection.QueryAsync<TeaserRow>(new CommandDefinition(
            CuratedSql, new { id = article.Id, limit, now }, cancellationToken: ct))).AsList();
        var items = curated.Select(r => RelatedTeaser.From(mapper.ToTeaser(r), "curated")).ToList();
        if (items.Count >= limit) return items;

        var stats = await statistics.GetAsync(ct);
        var topic = await TopicScoresAsync(connection, article.Id, stats, ct);
        var (text, maxText) = await TextScoresAsync(connection, article, stats, ct);
        var exclude = curated.Select(c => c.Id).Append(article.Id).ToHashSet();
        var maxTopic = topic.Count == 0 ? 1 : topic.Values.Max();
        double Preliminary(long id) => TopicWeight * topic.GetValueOrDefault(id) / maxTopic + TextWeight * text.GetValueOrDefault(id) / maxText;
        var candidates = topic.Keys.Union(text.Keys).Where(id => !exclude.Contains(id))
            .OrderByDescending(Preliminary).ThenByDescending(id => id).Take(MaxCandidates).ToList();
        if (candidates.Count == 0) return items;

        var rows = (await connection.QueryAsync<TeaserRow>(new CommandDefinition(CandidateSql,
            new { ids = candidates, now }, cancellationToken: ct))).AsList();
        var ranked = rows.Select(r =>
        {
            var t = TopicWeight * topic.GetValueOrDefault(r.Id) / maxTopic;
            var x = TextWeight * text.GetValueOrDefault(r.Id) / maxText;
            var section = r.SectionId == article.SectionId ? SectionWeight : 0;
            var days = Math.Abs(((r.PublishedAt ?? now) - (article.PublishedAt ?? now)).TotalDays);
            var decay = 0.5 + 0.5 * Math.Exp(-days / DecayDays);
            return (Row: r, Score: (t + x + section) * decay, Reason: t >= x ? "topic" : "text");
        })
        .OrderByDescending(c => c.Score).ThenByDescending(c => c.Row.PublishedAt).ThenByDescending(c => c.Row.Id)
        .Take(limit - items.Count);
        items.AddRange(ranked.Select(c => RelatedTeaser.From(mapper.ToTeaser(c.Row), c.Reason)));
        return items;
    }

    private const string TagsSql = "SELECT tag_id FROM article_tags WHERE article_id = @id";
    private const string OlderSql = "SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id < @id ORDER BY article_id DESC LIMIT @take";
    private const string NewerSql = "SELECT article_id FROM article_tags WHERE tag_id = @tagId AND article_id > @id ORDER BY article_id LIMIT @take";

    /// <summary>Σ idf over shared tags, for the articles nearest in time (ids grow with time) carrying each tag.</summary>
    private static async Task<Dictionary<long, double>> TopicScoresAsync(SqliteConnection connection, long id, TermStatistics.Snapshot stats, CancellationToken ct)
    {
        var scores = new Dictionary<long, double>();
        foreach (var tagId in await connection.QueryAsync<long>(new CommandDefinition(TagsSql, new { id }, cancellationToken: ct)))
        {
            var df = stats.Tags.GetValueOrDefault(tagId, 1);
            var idf = Math.Log(1 + (double)stats.Documents / df);
            var args = new { tagId, id, take = CandidatesPerTag / 2 };
            var near = (await connection.QueryAsync<long>(new CommandDefinition(OlderSql, args, cancellationToken: ct)))
                .Concat(await connection.QueryAsync<long>(new CommandDefinition(NewerSql, args, cancellationToken: ct)));
            foreach (var other in near) scores[other] = scores.GetValueOrDefault(other) + idf;
        }
        return scores;
    }

    private const string LowerBoundSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid < @id ORDER BY rowid DESC LIMIT 1 OFFSET @window";
    private const string UpperBoundSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid > @id ORDER BY rowid LIMIT 1 OFFSET @window";
    private const string HoldersSql = "SELECT rowid FROM article_search WHERE article_search MATCH @match AND rowid BETWEEN @low AND @high AND rowid <> @id";

    /// <summary>Text similarity with the article's rarest headline and excerpt words: Σ idf of the words each
    /// article nearest in time shares with it. The document frequencies come
    /// from the cached statistics; FTS5's bm25() would recount them on every call.</summary>
    /// <returns>Scores, and the score of an article sharing every one of the words: text similarity is a
    /// share of that, so one common word in common stays a weak reason however few candidates there are.</returns>
    private static async Task<(Dictionary<long, double> Scores, double Max)> TextScoresAsync(SqliteConnection connection, ArticleRow article, TermStatistics.Snapshot stats, CancellationToken ct)
    {
        var distinctive = SearchText.Tokens(SearchText.Normalize(article.Headline + " " + article.Excerpt))
            .Distinct(StringComparer.Ordinal)
            .Select(w => (Term: w, Df: stats.Words.GetValueOrDefault(w)))
            .Where(w => w.Df > 1 && w.Df < stats.Documents / 2)
            .OrderBy(w => w.Df).ThenBy(w => w.Term, StringComparer.Ordinal)
            .Take(DistinctiveTerms).ToList();
        if (distinctive.Count == 0) return ([], 1);

        var any = "{headline excerpt body} : (" + string.Join(" OR ", distinctive.Select(t => "\"" + t.Term + "\"")) + ")";
        var bound = new { match = any, id = article.Id, window = TextWindow / 2 - 1 };
        var low = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(LowerBoundSql, bound, cancellationToken: ct)) ?? 0;
        var high = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(UpperBoundSql, bound, cancellationToken: ct)) ?? long.MaxValue;
        var scores = new Dictionary<long, double>();
        foreach (var (term, df) in distinctive)
        {
            var idf = Math.Log(1 + (double)stats.Documents / df);
            var match = "{headline excerpt body} : \"" + term + "\"";
            foreach (var id in await connection.QueryAsync<long>(new CommandDefinition(HoldersSql, new { match, low, high, id = article.Id }, cancellationToken: ct)))
                scores[id] = scores.GetValueOrDefault(id) + idf;
        }
        // Only the best matches go on: one shared common word is not a relation.
        var max = distinctive.Sum(d => Math.Log(1 + (double)stats.Documents / d.Df));
        return (scores.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key).Take(TextCandidates).ToDictionary(s => s.Key, s => s.Value), max);
    }

    private const string CandidateSql = "SELECT " + TeaserRow.Columns + ", a.section_id FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id IN @ids AND " + ArticleFilter.PublicPredicate;
}
