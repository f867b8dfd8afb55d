namespace NewsApi.Http;

/// <summary>When what this service answers last changed: the <c>Last-Modified</c> of every GET that has no
/// more precise date of its own (lists, search, related, taxonomy, admin answers). A list's newest member
/// date cannot serve: it goes backwards when an article leaves the list, and If-Modified-Since would then
/// keep a stale list alive. This clock only moves forward, on every successful editorial write and on each
/// scheduler pass that publishes or lifts an embargo; it starts at process start, so a restart (or a CLI
/// command run meanwhile) revalidates everything once.</summary>
public sealed class ContentClock(TimeProvider clock)
{
    private long _anyChange = clock.GetUtcNow().UtcTicks;
    private long _taxonomyChange = clock.GetUtcNow().UtcTicks;

    public DateTimeOffset LastChange => new(Interlocked.Read(ref _anyChange), TimeSpan.Zero);

    /// <summary>Articles embed their section's, tags', authors' and source's names: a rename changes them
    /// without changing the article's own updatedAt.</summary>
    public DateTimeOffset LastTaxonomyChange => new(Interlocked.Read(ref _taxonomyChange), TimeSpan.Zero);

    public void Changed(bool taxonomy = false)
    {
        var now = clock.GetUtcNow().UtcTicks;
        Advance(ref _anyChange, now);
        if (taxonomy) Advance(ref _taxonomyChange, now);
    }

    private static void Advance(ref long field, long to)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref field);
            if (to <= seen) return;
        }
        while (Interlocked.CompareExchange(ref field, to, seen) != seen);
    }
}
