namespace NewsApi.Articles;

public sealed partial class ArticleRepository
{
    /// <summary>Writes the partner change feed's entries and the webhook events that no article write made (see
    /// <see cref="Editorial.ChangesCatchUp"/>): embargoes that ended, documents naming a related story or a term
    /// that changed, articles written before the feed or the webhooks existed. One transaction; each article is
    /// read and its document built inside it, so what is recorded is what was committed, however the articles
    /// changed since they were listed. Returns how many change feed entries were written.</summary>
    public async Task<int> RecordChangesAsync(IReadOnlyList<long> ids, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var recorded = 0;
        foreach (var id in ids)
        {
            var row = await LoadAsync(connection, tx, id, ct);
            if (row is null)
            {
                if (await changes.RecordGoneAsync(connection, tx, id, ct)) recorded++;
                await webhooks.RecordDeletedAsync(connection, tx, new Webhooks.ArticleEventSubject(id, null, null, null, null, Public: false), ct);
                continue;
            }
            var article = (await ToArticlesAsync(connection, tx, [row], BodyFormats.Html, publicOnly: false, ct))[0];
            if (await changes.RecordAsync(connection, tx, row, article, ct)) recorded++;
            await webhooks.RecordArticleAsync(connection, tx, EventSubject(row), ct);
        }
        // The change feed's Last-Modified is the content clock's: it moves with every entry.
        if (recorded > 0) await contentClock.RecordAsync(connection, tx, taxonomy: false, ct);
        await contentClock.CommitAsync(tx, ct);
        webhooks.Committed();
        return recorded;
    }
}
