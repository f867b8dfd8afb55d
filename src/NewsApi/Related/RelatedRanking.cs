using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Search;

namespace NewsApi.Related;

/// <summary>Related stories: editor-curated first (reason <c>curated</c>), then public articles ranked by
/// shared tags weighted by rarity (IDF), text similarity (the article's most distinctive words matched
/// against the search index), the same section, and a decay with the distance in publication time.
/// Each has the reason that contributed most (<c>topic</c> or <c>text</c>). Order is deterministic.</summary>
public sealed class RelatedRanking(RelatedRepository related, TimeProvider clock, ArticleMapper mapper, TermStatistics statistics)
{
    private const int CandidatesPerTag = 300;
    private const int TextCandidates = 60;
    private const int MaxCandidates = 60;
    private const int DistinctiveTerms = 6;
    private const int TextWindow = 600;
    private const double TopicWeight = 1.0, TextWeight = 0.8, SectionWeight = 0.15;
    private const double DecayDays = 45;

    public async Task<IReadOnlyList<RelatedTeaser>> RankAsync(ArticleRow article, int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var connection = await related.OpenAsync(ct);
        var curated = await related.CuratedAsync(connection, article.Id, limit, ct);
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

        var rows = await related.CandidatesAsync(connection, candidates, ct);
        var ranked = rows.Select(r =>
        {
            var t = TopicWeight * topic.GetValueOrDefault(r.Id) / maxTopic;
            var x = TextWeight * text.GetValueOrDefault(r.Id) / maxText;
            var section = r.SectionId == article.SectionId ? SectionWeight : 0;
            var days = Math.Abs(((r.PublishedAt ?? now) - (article.PublishedAt ?? now)).TotalDays);
            var decay = 0.5 + 0.5 * Math.Exp(-days / DecayDays);
            return (r.Id, Score: (t + x + section) * decay, Reason: t >= x ? "topic" : "text", r.PublishedAt);
        })
        .OrderByDescending(c => c.Score).ThenByDescending(c => c.PublishedAt).ThenByDescending(c => c.Id)
        .Take(limit - items.Count).ToList();
        // Teasers only for the few that made the list (one that stopped being public since is left out).
        var teasers = (await related.TeasersAsync(connection, [.. ranked.Select(c => c.Id)], ct)).ToDictionary(t => t.Id);
        items.AddRange(ranked.Where(c => teasers.ContainsKey(c.Id)).Select(c => RelatedTeaser.From(mapper.ToTeaser(teasers[c.Id]), c.Reason)));
        return items;
    }

    /// <summary>Σ idf over shared tags, for the articles nearest in time carrying each tag.</summary>
    private async Task<Dictionary<long, double>> TopicScoresAsync(SqliteConnection connection, long id, TermStatistics.Snapshot stats, CancellationToken ct)
    {
        var scores = new Dictionary<long, double>();
        foreach (var (tagId, near) in await related.SharingTagsAsync(connection, id, CandidatesPerTag / 2, ct))
        {
            var df = stats.Tags.GetValueOrDefault(tagId, 1);
            var idf = Math.Log(1 + (double)stats.Documents / df);
            foreach (var other in near) scores[other] = scores.GetValueOrDefault(other) + idf;
        }
        return scores;
    }

    /// <summary>Text similarity with the article's rarest headline and excerpt words: Σ idf of the words each
    /// article nearest in time shares with it. The document frequencies come
    /// from the cached statistics; FTS5's bm25() would recount them on every call.</summary>
    /// <returns>Scores, and the score of an article sharing every one of the words: text similarity is a
    /// share of that, so one common word in common stays a weak reason however few candidates there are.</returns>
    private async Task<(Dictionary<long, double> Scores, double Max)> TextScoresAsync(SqliteConnection connection, ArticleRow article,
        TermStatistics.Snapshot stats, CancellationToken ct)
    {
        var distinctive = SearchText.Tokens(SearchText.Normalize(article.Headline + " " + article.Excerpt))
            .Distinct(StringComparer.Ordinal)
            .Select(w => (Term: w, Df: stats.Words.GetValueOrDefault(w)))
            .Where(w => w.Df > 1 && w.Df < stats.Documents / 2)
            .OrderBy(w => w.Df).ThenBy(w => w.Term, StringComparer.Ordinal)
            .Take(DistinctiveTerms).ToList();
        if (distinctive.Count == 0) return ([], 1);

        var idf = distinctive.ToDictionary(d => d.Term, d => Math.Log(1 + (double)stats.Documents / d.Df), StringComparer.Ordinal);
        var scores = new Dictionary<long, double>();
        foreach (var (word, holders) in await related.SharingWordsAsync(connection, article.Id, [.. distinctive.Select(d => d.Term)], TextWindow / 2, ct))
            foreach (var id in holders) scores[id] = scores.GetValueOrDefault(id) + idf[word];
        // Only the best matches go on: one shared common word is not a relation.
        var max = distinctive.Sum(d => Math.Log(1 + (double)stats.Documents / d.Df));
        return (scores.OrderByDescending(s => s.Value).ThenByDescending(s => s.Key).Take(TextCandidates).ToDictionary(s => s.Key, s => s.Value), max);
    }
}
