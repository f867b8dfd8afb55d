using System.Text;
using NewsApi.Articles;
using NewsApi.Text;

namespace NewsApi.Editorial;

/// <summary>Every editorial article write starts here: what costs CPU (sanitising, plain text, excerpt,
/// reading time, search text) is worked out before the repository opens its write transaction, because
/// SQLite has one writer and a slow step inside the transaction would stall every other writer.</summary>
public sealed class ArticleWriter(BodySanitizer sanitizer, IArticleIndexer indexer, ArticleRepository articles)
{
    /// <param name="origin">An imported article's origin (WordPress import), recorded with the write.</param>
    public async Task<WriteResult> CreateAsync(ArticleInput input, Actor actor, CancellationToken ct, ArticleOrigin? origin = null)
    {
        var (prepared, refused) = await PrepareGatedAsync(input, ct);
        return refused ?? await articles.InsertAsync(prepared! with { Origin = origin }, actor, ct);
    }

    public async Task<WriteResult> UpdateAsync(long id, ArticleInput input, long expectedVersion, Actor actor, CancellationToken ct, ArticleOrigin? origin = null)
    {
        var (prepared, refused) = await PrepareGatedAsync(input, ct);
        return refused ?? await articles.UpdateAsync(id, prepared! with { Origin = origin }, expectedVersion, actor, ct);
    }

    /// <summary>Moves an article through the workflow; <paramref name="publishedAt"/> stays as it was when null.</summary>
    public async Task<WriteResult> TransitionAsync(long id, ArticleStatus status, DateTimeOffset? publishedAt, long? expectedVersion, Actor actor, CancellationToken ct,
        string? onlyFromStatus = null)
    {
        var before = await articles.FindAsync(id, publicOnly: false, ct);
        if (before is null) return WriteResult.Fail(WriteError.NotFound, $"No article has id {id}.");
        var text = indexer.Prepare(before.Headline, before.CustomExcerpt, before.BodyText);
        return await articles.TransitionAsync(before, text, status, publishedAt, expectedVersion, actor, onlyFromStatus, ct);
    }

    /// <summary>Bodies past this many characters are prepared at most <see cref="LargeBodySlots"/> at a time,
    /// so a burst of them keeps CPU cores and pool threads free for everyone else; smaller ones never wait.</summary>
    private const int LargeBody = 64 * 1024;

    private static readonly int LargeBodySlots = Math.Max(1, Environment.ProcessorCount / 2);
    private static readonly SemaphoreSlim LargeBodyGate = new(LargeBodySlots, LargeBodySlots);

    private async Task<(PreparedInput? Input, WriteResult? Error)> PrepareGatedAsync(ArticleInput input, CancellationToken ct)
    {
        if ((input.Body?.Length ?? 0) <= LargeBody) return await PrepareAsync(input, ct);
        await LargeBodyGate.WaitAsync(ct);
        try
        {
            return await PrepareAsync(input, ct);
        }
        finally
        {
            LargeBodyGate.Release();
        }
    }

    /// <summary>Runs outside any transaction (architecture rule 7a): a 1 MB body takes a few hundred
    /// milliseconds here, which inside the transaction would stall every other writer.</summary>
    private async Task<(PreparedInput? Input, WriteResult? Error)> PrepareAsync(ArticleInput input, CancellationToken ct)
    {
        var body = await sanitizer.SanitizeAsync(Nfc(input.Body ?? ""), ct);
        if (body.Refusal is not null)
            return (null, new WriteResult(null, WriteError.Invalid, "The body is too complex to accept.",
                Errors: new Dictionary<string, string[]> { ["body"] = [body.Refusal] }));
        var bodyHtml = body.Html;
        var bodyText = BodyHtml.ToText(bodyHtml);
        ct.ThrowIfCancellationRequested();
        var headline = Nfc(input.Headline);
        var customExcerpt = NfcOrNull(input.Excerpt);
        var image = input.Image;
        var row = new ArticleValues
        {
            Slug = "",
            Headline = headline,
            Subheadline = NfcOrNull(input.Subheadline),
            Excerpt = customExcerpt ?? Excerpt.From(bodyText),
            CustomExcerpt = customExcerpt,
            BodyHtml = bodyHtml,
            BodyText = bodyText,
            Dateline = NfcOrNull(input.Dateline),
            Language = NfcOrNull(input.Language) ?? "hi",
            // Stored as parsed and serialised again (percent-encoded), never as sent: see WebUrl.
            ImageUrl = WebUrl.Canonical(image?.Url) ?? NfcOrNull(image?.Url),
            ImageAlt = NfcOrNull(image?.Alt),
            ImageCaption = NfcOrNull(image?.Caption),
            ImageCredit = NfcOrNull(image?.Credit),
            ImageWidth = image?.Width,
            ImageHeight = image?.Height,
            EmbargoUntil = input.EmbargoUntil,
            CanonicalUrl = WebUrl.Canonical(input.CanonicalUrl) ?? NfcOrNull(input.CanonicalUrl),
            ReadingTimeMinutes = ReadingTime.Minutes(bodyText),
            SyndicationAllowed = input.Syndication?.Allowed ?? true,
        };
        var prepared = new PreparedInput(row,
            ArticleReferences.From(input, skipBlank: false),
            (input.Tags ?? []).Select(Nfc).Where(t => t.Length > 0).ToList(),
            string.IsNullOrWhiteSpace(input.Slug) ? null : Slug.Key(input.Slug),
            Slug.From(headline),
            indexer.Prepare(headline, customExcerpt, bodyText));
        return (prepared, null);
    }

    internal static string Nfc(string? s) => (s ?? "").Normalize(NormalizationForm.FormC).Trim();

    internal static string? NfcOrNull(string? s) => string.IsNullOrWhiteSpace(s) ? null : Nfc(s);
}
