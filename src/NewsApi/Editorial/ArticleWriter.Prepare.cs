using NewsApi.Text;

namespace NewsApi.Editorial;

/// <summary>An article write's values worked out before the write transaction opens: everything that
/// costs CPU (sanitising, plain text, excerpt, reading time, search text) and needs no lookup.</summary>
internal sealed record PreparedInput(ArticleValues Row, ArticleReferences References,
    IReadOnlyList<string> Tags, string? ExplicitSlug, string DerivedSlug, Search.IndexedText Search);

/// <summary>The section, source and authors an article names, as the editor wrote them (what error messages quote).
/// A null section or source is not looked up; the authors keep their places in the input, which errors name.</summary>
internal sealed record ArticleReferences(string? Section, string? Source, IReadOnlyList<(int Index, string Slug)> Authors)
{
    /// <param name="skipBlank">Leave out blank slugs (the validator answers for those) instead of reporting them as unknown.</param>
    public static ArticleReferences From(ArticleInput input, bool skipBlank) => new(
        skipBlank && string.IsNullOrWhiteSpace(input.Section) ? null : input.Section ?? "",
        string.IsNullOrWhiteSpace(input.Source) ? null : input.Source,
        [.. (input.Authors ?? []).Select((slug, index) => (index, slug ?? "")).Where(a => !skipBlank || !string.IsNullOrWhiteSpace(a.Item2))]);
}

public sealed partial class ArticleWriter
{
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
            ImageUrl = NfcOrNull(image?.Url),
            ImageAlt = NfcOrNull(image?.Alt),
            ImageCaption = NfcOrNull(image?.Caption),
            ImageCredit = NfcOrNull(image?.Credit),
            ImageWidth = image?.Width,
            ImageHeight = image?.Height,
            EmbargoUntil = input.EmbargoUntil,
            CanonicalUrl = NfcOrNull(input.CanonicalUrl),
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
}
