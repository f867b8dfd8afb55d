using NewsApi.Articles;
using NewsApi.Syndication;
using NewsApi.Webhooks;

namespace NewsApi.Editorial;

/// <summary>The scheduler's pass over changes no article write makes, for the partner change feed and webhooks.
/// An embargo ends with no write, yet the article becomes public (and syndicatable) then; a related story or a
/// section name in a ninjs document can change through another article's write or a taxonomy write. The first
/// pass after start-up also compares every article with what partners and webhook receivers were told, which
/// catches articles written before either existed or loaded in bulk.</summary>
public sealed class ChangesCatchUp(ChangeLogRepository changes, WebhookRepository webhooks, ArticleRepository articles)
{
    /// <summary>Articles per write transaction: each document is built inside it, from what is committed.</summary>
    private const int Batch = 25;

    /// <summary>At most this many articles per pass, so a backlog (a large corpus the first time) is worked
    /// off a little every pass instead of keeping the write lock busy for minutes.</summary>
    private const int PerPass = 1000;

    private int _started;

    /// <summary>Returns how many change feed entries were written.</summary>
    public async Task<int> PassAsync(CancellationToken ct)
    {
        var atStart = Interlocked.Exchange(ref _started, 1) == 0;
        var finished = false;
        try
        {
            var syndication = await changes.DueAsync(atStart, PerPass, ct);
            var events = await webhooks.ArticlesDueAsync(atStart, PerPass, ct);
            // Both recorders compare with what they told before, so an article due for only one costs the other nothing.
            var due = syndication.Union(events).ToList();
            var recorded = 0;
            foreach (var batch in due.Chunk(Batch)) recorded += await articles.RecordChangesAsync(batch, ct);
            finished = syndication.Count < PerPass && events.Count < PerPass;
            return recorded;
        }
        finally
        {
            // The start-up comparison failed (a busy database) or found more than a pass's worth: the next pass makes it again.
            if (atStart && !finished) Volatile.Write(ref _started, 0);
        }
    }
}
