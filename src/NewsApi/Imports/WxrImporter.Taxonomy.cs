using NewsApi.Taxonomy;

namespace NewsApi.Imports;

public sealed partial class WxrImporter
{
    /// <summary>Categories become sections (parents first, so the hierarchy holds), tags become tags with WordPress's
    /// slugs and names, authors get their display names. One already there (by slug) is kept as it is. In a dry run,
    /// only counted.</summary>
    private async Task EnsureTaxonomyAsync(WxrScan scan, UsedTerms used, ImportSummary summary, bool dryRun, CancellationToken ct)
    {
        var channel = scan.Channel;
        var categories = channel.Categories.ToDictionary(c => c.Nicename, StringComparer.Ordinal);
        foreach (var (nicename, name) in used.Categories) categories.TryAdd(nicename, new WxrCategory(nicename, name, null));
        if (used.Uncategorized) categories.TryAdd(WxrMapper.UncategorizedSlug, new WxrCategory(WxrMapper.UncategorizedSlug, "Uncategorized", null));

        var done = new HashSet<string>(StringComparer.Ordinal);
        while (done.Count < categories.Count)
        {
            // Parents first; a parent the export does not have (or a cycle) leaves the rest top-level.
            var ready = categories.Values.Where(c => !done.Contains(c.Nicename) && (c.Parent is null || done.Contains(c.Parent) || !categories.ContainsKey(c.Parent))).ToList();
            if (ready.Count == 0) ready = [.. categories.Values.Where(c => !done.Contains(c.Nicename)).Select(c => c with { Parent = null })];
            foreach (var category in ready)
            {
                done.Add(category.Nicename);
                var slug = WxrContent.Slug(category.Nicename);
                if (slug is null) continue;
                var parent = category.Parent is { } p && categories.ContainsKey(p) ? WxrContent.Slug(p) : null;
                var change = new TaxonomyChange(slug, Name(category.Name, slug), null);
                if (dryRun ? (await taxonomy.SectionsAsync(slug, null, 1, ct)).Count == 0
                    : (await taxonomy.CreateSectionAsync(change, parent, ct)).Outcome == TaxonomyOutcome.Done)
                    summary.SectionsCreated++;
            }
        }

        var tags = channel.Tags.ToDictionary(t => t.Slug, t => t.Name, StringComparer.Ordinal);
        foreach (var (slug, name) in used.Tags) tags.TryAdd(slug, name);
        foreach (var (wpSlug, name) in tags)
        {
            if (WxrContent.Slug(wpSlug) is not { } slug) continue;
            if (dryRun ? (await taxonomy.TagsAsync(slug, null, 1, null, ct, all: true)).Count == 0
                : (await taxonomy.CreateTagAsync(new TaxonomyChange(slug, Name(name, slug), null), ct)).Outcome == TaxonomyOutcome.Done)
                summary.TagsCreated++;
        }

        var authors = channel.Authors.ToDictionary(a => a.Login, a => a.DisplayName, StringComparer.Ordinal);
        foreach (var login in used.Creators) authors.TryAdd(login, null);
        foreach (var (login, displayName) in authors)
        {
            if (WxrMapper.AuthorSlug(login) is not { } slug) continue;
            var name = Name(displayName ?? "", login.Trim());
            if (dryRun ? (await taxonomy.AuthorsAsync(slug, null, 1, ct)).Count == 0
                : (await taxonomy.CreateAuthorAsync(new TaxonomyChange(slug, name, null), ct)).Outcome == TaxonomyOutcome.Done)
                summary.AuthorsCreated++;
        }
    }

    /// <summary>Trimmed NFC text with entities decoded, or the fallback when that is empty; at most 100 characters.</summary>
    private static string Name(string name, string fallback)
    {
        var text = WxrContent.PlainText(name).Normalize(System.Text.NormalizationForm.FormC);
        if (text.Length == 0) text = fallback;
        return text.Length > 100 ? text[..100] : text;
    }
}
