using System.Diagnostics;
using NewsApi.Articles;
using NewsApi.Editorial;
using NewsApi.Taxonomy;

namespace NewsApi.Imports;

/// <summary>Imports a WordPress export in two passes over the file. The first reads all of it, so a file that is not XML,
/// not a WordPress export or cut short is refused before anything is written (the error names the line and column); it
/// also gathers what mapping needs (attachments for featured images, the site's UTC offset, the terms posts use). The
/// second maps each post and writes it through <see cref="ArticleWriter"/>, like any editorial write, one article per
/// transaction: search, change feed, purges and the content clock see it, and other writers are never held up for long.</summary>
public sealed partial class WxrImporter(ArticleWriter writer, ArticleRepository articles, TaxonomyRepository taxonomy, TimeProvider clock,
    ILogger<WxrImporter> logger)
{
    /// <summary>Who the revisions of imported articles name; its writes are not "edits in NewsApi".</summary>
    public const string ActorName = "wordpress-import";

    private static readonly Actor Importer = new(ActorName, null, null);

    private readonly ArticleInputValidator _validator = new(articles);

    /// <exception cref="WxrFormatException">The file is not a readable WordPress export; nothing was written.</exception>
    /// <param name="summary">Filled in as the import goes (its <see cref="ImportSummary.DryRun"/> says whether to write);
    /// what it holds when an exception ends the import is what was done until then.</param>
    public async Task<ImportSummary> ImportAsync(string path, ImportSummary summary, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var started = Stopwatch.StartNew();
        var dryRun = summary.DryRun;
        var (scan, terms) = Scan(path, summary, progress, ct);
        await EnsureTaxonomyAsync(scan, terms, summary, dryRun, ct);

        var now = clock.GetUtcNow();
        await using var stream = Open(path);
        using var reader = new WxrReader(stream);
        while (reader.Next(ct) is { } item)
        {
            summary.Processed++;
            var (plan, skipReason) = WxrMapper.Map(item, scan, now);
            if (plan is null) summary.Skip(skipReason!);
            else await WriteAsync(scan.Channel.Site, item, plan, summary, dryRun, ct);
            if (summary.Processed % 100 == 0) progress?.Report(new ImportProgress("importing", summary.Processed, scan.Items, summary));
        }
        summary.Seconds = Math.Round(started.Elapsed.TotalSeconds, 2);
        progress?.Report(new ImportProgress("importing", summary.Processed, scan.Items, summary));
        logger.LogInformation("WordPress import{DryRun} of {Items} items: {Created} created, {Updated} updated, {Skipped} skipped, {Errors} refused in {Seconds} s",
            dryRun ? " (dry run)" : "", summary.Processed, summary.Created, summary.Updated, summary.Skipped, summary.Errors.Count, summary.Seconds);
        return summary;
    }

    /// <summary>The terms posts carry, by slug as WordPress wrote it, with their names: categories and tags an export of
    /// some posts only may not declare in its channel.</summary>
    private sealed record UsedTerms(Dictionary<string, string> Categories, Dictionary<string, string> Tags, HashSet<string> Creators, bool Uncategorized);

    /// <summary>The first pass: reads the whole file (every error surfaces here) and gathers what the second needs.</summary>
    private static (WxrScan Scan, UsedTerms Terms) Scan(string path, ImportSummary summary, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var stream = Open(path);
        using var reader = new WxrReader(stream);
        var attachments = new Dictionary<long, WxrAttachment>();
        var terms = new UsedTerms(new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), false);
        var uncategorized = false;
        TimeSpan? offset = null;
        int items = 0, posts = 0;
        while (reader.Next(ct) is { } item)
        {
            items++;
            if (item.PostType == "attachment" && item.PostId is { } id && (item.AttachmentUrl ?? item.Guid) is { Length: > 0 } url)
                attachments[id] = new WxrAttachment(url.Trim(), NullIfBlank(item.Meta.GetValueOrDefault("_wp_attachment_image_alt")),
                    NullIfBlank(WxrContent.PlainText(item.Excerpt)));
            if (item.PostType != "post") continue;
            posts++;
            offset ??= WxrMapper.SiteOffset(item);
            foreach (var term in item.Terms)
            {
                if (term.Domain == "category") terms.Categories.TryAdd(term.Nicename, term.Name);
                else if (term.Domain == "post_tag") terms.Tags.TryAdd(term.Nicename, term.Name);
            }
            uncategorized |= !item.Terms.Any(t => t.Domain == "category");
            if (item.Creator is { Length: > 0 } creator) terms.Creators.Add(creator);
            if (items % 500 == 0) progress?.Report(new ImportProgress("reading", stream.Position, stream.Length, summary));
        }
        progress?.Report(new ImportProgress("reading", stream.Length, stream.Length, summary));
        return (new WxrScan(reader.Channel, attachments, offset, items, posts), terms with { Uncategorized = uncategorized });
    }

    private static FileStream Open(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
