using System.Globalization;
using NewsApi.Articles;
using NewsApi.Editorial;

namespace NewsApi.Imports;

public sealed partial class WxrImporter
{
    /// <summary>Creates the article of a post seen for the first time; updates one imported before if the post changed (or
    /// an import that stopped never finished it) and nobody edited the article in NewsApi since; otherwise leaves it and
    /// says why.</summary>
    private async Task WriteAsync(string site, WxrItem item, ImportPlan plan, ImportSummary summary, bool dryRun, CancellationToken ct)
    {
        // The editorial API's rules, which the writer itself leaves to the endpoint's validation filter.
        var validation = await _validator.ValidateAsync(plan.Input, ct);
        if (!validation.IsValid)
        {
            Refused(summary, item, plan, new WriteResult(null, WriteError.Invalid, "it breaks the article rules",
                Errors: validation.ToDictionary()));
            return;
        }
        var imported = await articles.FindOriginAsync(site, plan.PostId, ct);
        if (imported is null)
        {
            if (dryRun) Count(summary, plan, created: true);
            else await CreateAsync(site, item, plan, summary, ct);
            return;
        }
        var current = await articles.FindAsync(imported.ArticleId, publicOnly: false, ct);
        if (current is null) summary.Skip("deleted in NewsApi since the last import");
        else if (await articles.EditedSinceAsync(current.Id, imported.ImportedVersion, ActorName, ct)) summary.Skip("edited in NewsApi since the last import");
        else if (imported.ItemHash == plan.Hash) summary.Skip("unchanged since the last import");
        else if (dryRun) Count(summary, plan, created: false);
        else await UpdateAsync(site, item, plan, current, summary, ct);
    }

    private async Task CreateAsync(string site, WxrItem item, ImportPlan plan, ImportSummary summary, CancellationToken ct)
    {
        var origin = new ArticleOrigin(site, plan.PostId, plan.LegacyPaths);
        var written = await writer.CreateAsync(plan.Input, Importer, ct, origin);
        // Another article has the slug: the usual numeric suffix, as a new draft with that headline would get.
        if (written is { Error: WriteError.SlugTaken, Suggestion: { } free }) written = await writer.CreateAsync(plan.Input with { Slug = free }, Importer, ct, origin);
        if (written.Article is not { } article)
        {
            Refused(summary, item, plan, written);
            return;
        }
        await SettleAsync(item, plan, article, summary, ct);
        Count(summary, plan, created: true);
    }

    private async Task UpdateAsync(string site, WxrItem item, ImportPlan plan, ArticleRow current, ImportSummary summary, CancellationToken ct)
    {
        var origin = new ArticleOrigin(site, plan.PostId, plan.LegacyPaths);
        var input = plan.Input with { Slug = KeptSlug(current.Slug, plan.Input.Slug) };
        var written = await writer.UpdateAsync(current.Id, input, current.Version, Importer, ct, origin);
        if (written is { Error: WriteError.SlugTaken, Suggestion: { } free })
            written = await writer.UpdateAsync(current.Id, input with { Slug = free }, current.Version, Importer, ct, origin);
        if (written.Article is not { } article)
        {
            Refused(summary, item, plan, written);
            return;
        }
        await SettleAsync(item, plan, article, summary, ct);
        Count(summary, plan, created: false);
    }

    /// <summary>Moves the article to the post's status and date, then records the version the import left it at.</summary>
    private async Task SettleAsync(WxrItem item, ImportPlan plan, ArticleRow article, ImportSummary summary, CancellationToken ct)
    {
        var version = article.Version;
        var status = plan.Target.ToString().ToLowerInvariant();
        if (article.Status != status || (plan.PublishAt is { } at && article.PublishedAt != at))
        {
            var moved = await writer.TransitionAsync(article.Id, plan.Target, plan.PublishAt, version, Importer, ct);
            if (moved.Article is { } after) version = after.Version;
            else summary.Error($"Post {Id(plan)} (line {item.Line}) was imported as article {article.Id} but left {article.Status}: {moved.Detail}");
        }
        await articles.MarkImportedAsync(article.Id, version, plan.Hash, ct);
    }

    /// <summary>The article's slug while it is the post's (or that with the suffix a clash gave it); the post's new one otherwise.</summary>
    private static string? KeptSlug(string current, string? wanted)
    {
        if (wanted is null || current == wanted) return wanted;
        var suffix = current.StartsWith(wanted + "-", StringComparison.Ordinal) ? current[(wanted.Length + 1)..] : "";
        return suffix.Length > 0 && suffix.All(char.IsAsciiDigit) ? current : wanted;
    }

    private static void Count(ImportSummary summary, ImportPlan plan, bool created)
    {
        if (created) summary.Created++;
        else summary.Updated++;
        if (plan.Input.Image is not null) summary.Images++;
    }

    private static void Refused(ImportSummary summary, WxrItem item, ImportPlan plan, WriteResult result)
    {
        var fields = result.Errors is null ? "" : " (" + string.Join("; ", result.Errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + ")";
        summary.Error($"Post {Id(plan)} (line {item.Line}) '{plan.Input.Headline}' was not imported: {result.Detail}{fields}");
    }

    private static string Id(ImportPlan plan) => plan.PostId.ToString(CultureInfo.InvariantCulture);
}
