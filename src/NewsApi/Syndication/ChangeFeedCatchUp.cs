using NewsApi.Articles;

namespace NewsApi.Syndication;

/// <summary>The change feed's part of the scheduler's pass: entries for changes no article write makes. An
/// embargo ends with no write, yet the article becomes syndicatable then; a related story or a section name in
/// a document can change through another article's write or a taxonomy write. The first pass after start-up
/// also compares every article with what partners hold, which catches articles written before the feed existed.</summary>
public sealed class ChangeFeedCatchUp(ChangeLogRepository changes, ArticleRepository articles)
{
    /// <summary>Articles per write transaction: each document is built inside it, from what is committed.</summary>
    private const int Batch = 25;

    /// <summary>At most this many articles per pass, so a backlog (a large corpus the first time) is worked
    /// off a little every pass instead of keeping the write lock busy for minutes.</summary>
    private const int PerPass = 1000;

    private int _started;

    /// <summary>Returns how many entries were written.</summary>
    public async Task<int> PassAsync(CancellationToken ct)
    {
        var atStart = Interlocked.Exchange(ref _started, 1) == 0;
        var finished = false;
        try
        {
            var due = await changes.DueAsync(atStart, PerPass, ct);
            var recorded = 0;
            foreach (var batch in due.Chunk(Batch)) recorded += await articles.RecordSyndicationAsync(batch, ct);
            finished = due.Count < PerPass;
            return recorded;
        }
        finally
        {
            // The start-up comparison failed (a busy database) or found more than a pass's worth: the next pass makes it again.
            if (atStart && !finished) Volatile.Write(ref _started, 0);
        }
    }
}
