using NewsApi.Articles;
using NewsApi.Taxonomy;
using NewsApi.Text;

namespace NewsApi.Editorial;

/// <summary>Links written before they were stored re-serialised (image and canonical URLs, agency websites) kept
/// what the editor sent: quotes, angle brackets, newlines, bidi controls. At start-up, before anything is answered,
/// they are put in the form every write now stores (<see cref="WebUrl.Rewritten"/>). Once: migration 0010 asks for it
/// and the pass clears the request, because finding the rows is a scan of every article (0.2 s on 100k, warm).</summary>
public sealed class StoredLinkRewrite(ArticleRepository articles, TaxonomyRepository taxonomy, ILogger<StoredLinkRewrite> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!await articles.StoredLinksRewritePendingAsync(ct)) return 0;
        var rows = (await articles.UnsafeUrlsAsync(ct))
            .Select(r => (Before: r, After: r with { ImageUrl = Rewrite(r.ImageUrl), CanonicalUrl = Rewrite(r.CanonicalUrl) }))
            .Where(r => r.Before != r.After).Select(r => r.After).ToList();
        var sources = (await taxonomy.UnsafeSourceUrlsAsync(ct))
            .Select(s => (s.Id, Before: s.Url, After: WebUrl.Rewritten(s.Url)))
            .Where(s => s.Before != s.After).Select(s => (s.Id, Url: s.After)).ToList();
        if (sources.Count > 0) await taxonomy.RewriteSourceUrlsAsync(sources, ct);
        // Last, with the request cleared in the same transaction: a stop before it means the whole pass runs again.
        await articles.RewriteUrlsAsync(rows, ct);
        if (rows.Count + sources.Count > 0)
            logger.LogInformation("Rewrote the stored links of {Articles} articles and {Sources} sources in their safe form", rows.Count, sources.Count);
        return rows.Count + sources.Count;
    }

    private static string? Rewrite(string? stored) => stored is null ? null : WebUrl.Rewritten(stored);
}
