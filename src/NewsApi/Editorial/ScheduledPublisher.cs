using NewsApi.Articles;
using NewsApi.Data;

namespace NewsApi.Editorial;

/// <summary>Publishes scheduled articles when their time comes. It starts by catching up on anything
/// that fell due while the service was down, then checks every few seconds.</summary>
public sealed class ScheduledPublisher(ArticleRepository articles, ArticleWriter writer, Search.SearchIndex searchIndex, Http.ContentClockRepository contentClock,
    ChangesCatchUp changeFeed, TimeProvider clock, ILogger<ScheduledPublisher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly Actor SchedulerActor = new("scheduler", null, null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await PublishDueAsync(stoppingToken);
            }
            catch (Exception e) when (Db.IsLockWait(e))
            {
                // Another writer held the lock past the lock wait: nothing was written, the next pass publishes.
                logger.LogWarning(e, "The database was busy with other writes; publishing scheduled articles again in {Interval}", Interval);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Publishing scheduled articles failed; retrying in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Publishes every scheduled article whose time has come; returns how many.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var due = await articles.DueScheduledAsync(clock.GetUtcNow(), ct);
        var published = 0;
        foreach (var id in due)
        {
            // publishedAt stays the scheduled time, so the feed shows the story where the editor put it.
            WriteResult result;
            try
            {
                result = await writer.TransitionAsync(id, ArticleStatus.Published, null, null, SchedulerActor, ct, onlyFromStatus: "scheduled");
            }
            catch (Exception e) when (e is not OperationCanceledException && !Db.IsLockWait(e))
            {
                // One article that cannot be published must not hold back the ones due after it. A busy
                // database is not about this article: the pass ends (ExecuteAsync logs it) rather than
                // waiting out the lock once per due article.
                logger.LogError(e, "Publishing scheduled article {Id} failed; retrying at the next pass", id);
                continue;
            }
            // Unpublished, archived or published by a concurrent pass since the query: not counted.
            if (result.Article is null) continue;
            published++;
            logger.LogInformation("Published scheduled article {Id}", id);
        }
        // Embargoes end without a write; this is when their articles join the search index.
        // …and when every list changes with no write: the content clock records it here.
        if (await searchIndex.CatchUpAsync(embargoOnly: true, ct) > 0) await contentClock.ChangedAsync(taxonomy: false, ct);
        // …and when they become public: the partner change feed records their upserts and webhooks their
        // article.published on this pass (and the feed resends documents whose related stories or names changed).
        await changeFeed.PassAsync(ct);
        return published;
    }
}
