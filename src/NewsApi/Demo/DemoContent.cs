using System.Text.Json;
using NewsApi.Articles;
using NewsApi.Editorial;
using NewsApi.Taxonomy;
using NewsApi.Text;

namespace NewsApi.Demo;

/// <summary>Loads the seed news page (embedded copy of shared/seed/news-page.json) as published
/// articles: the main article, its twelve teaser stories and its previous/next stories.</summary>
public sealed class DemoContent(ArticleRepository articles, ArticleWriter writer, TaxonomyRepository taxonomy, ILogger<DemoContent> logger)
{
    public const string MainHeadline = "अलास्का शिखर सम्मेलन से पहले पुतिन के साथ फोन पर बातचीत में किम ने रूस के लिए ‘पूर्ण समर्थन’ जताया";

    private static readonly Actor DemoActor = new("demo-content", null, null);
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>First start: an empty database gets the demo page.</summary>
    public async Task LoadIfEmptyAsync(CancellationToken ct = default)
    {
        if (!await articles.AnyAsync(ct)) await LoadAsync(ct);
    }

    /// <summary>Loads the page unless its main article is already there; returns whether it loaded.</summary>
    public async Task<bool> LoadAsync(CancellationToken ct = default)
    {
        if (await articles.AnyWithHeadlineAsync(MainHeadline, ct)) return false;
        var page = Read<SeedPage>("news-page.json");
        var meta = Read<SeedMetadata>("demo-metadata.json");
        await EnsureTaxonomyAsync(meta, ct);

        var a = page.Article;
        await PublishAsync(new ArticleInput
        {
            Headline = page.Previous.Headline, Body = BodyHtml.FromParagraphs([page.Previous.Headline]), Dateline = meta.Previous.Dateline,
            Section = meta.Previous.Section, Tags = meta.Previous.Tags, Authors = [meta.Author.Slug], Source = meta.Source.Slug,
        }, meta.Previous.PublishedAt, ct);
        await PublishAsync(new ArticleInput
        {
            Headline = a.Headline, Body = BodyHtml.FromParagraphs(a.Body), Dateline = a.Dateline, Section = a.Section,
            Tags = a.Tags, Authors = [meta.Author.Slug], Source = meta.Source.Slug, Language = a.Language,
        }, a.PublishedAt, ct);
        await PublishAsync(new ArticleInput
        {
            Headline = page.Next.Headline, Body = BodyHtml.FromParagraphs([page.Next.Headline]), Dateline = meta.Next.Dateline,
            Section = meta.Next.Section, Tags = meta.Next.Tags, Authors = [meta.Author.Slug], Source = meta.Source.Slug,
        }, meta.Next.PublishedAt, ct);
        for (var i = 0; i < page.Teasers.Count; i++)
        {
            var t = page.Teasers[i];
            // The page shows each story's opening cut with "..."; that opening is all the body we have.
            var body = t.Excerpt.TrimEnd('.', ' ', ',');
            await PublishAsync(new ArticleInput
            {
                Headline = t.Headline, Body = BodyHtml.FromParagraphs([body]), Dateline = t.Dateline,
                Section = meta.Teasers[i].Section, Tags = meta.Teasers[i].Tags, Authors = [meta.Author.Slug], Source = meta.Source.Slug,
            }, meta.TeasersStartAt.AddMinutes(i * meta.TeaserIntervalMinutes), ct);
        }
        logger.LogInformation("Loaded the demo news page ({Count} articles)", page.Teasers.Count + 3);
        return true;
    }

    private async Task PublishAsync(ArticleInput input, DateTimeOffset publishedAt, CancellationToken ct)
    {
        var created = await writer.CreateAsync(input, DemoActor, ct);
        if (created.Article is null) throw new InvalidOperationException($"Demo article '{input.Headline}' was refused: {created.Detail}");
        await writer.TransitionAsync(created.Article.Id, ArticleStatus.Published, publishedAt, null, DemoActor, ct);
    }

    /// <summary>Creates the sections, source and author the page names; ones already there (a slug taken) are kept as they are.</summary>
    private async Task EnsureTaxonomyAsync(SeedMetadata meta, CancellationToken ct)
    {
        foreach (var s in meta.Sections)
            await taxonomy.CreateSectionAsync(new TaxonomyChange(s.Slug, s.Name, null), s.Parent, ct);
        await taxonomy.CreateSourceAsync(new TaxonomyChange(meta.Source.Slug, meta.Source.Name, null, meta.Source.Url), ct);
        await taxonomy.CreateAuthorAsync(new TaxonomyChange(meta.Author.Slug, meta.Author.Name, null), ct);
    }

    internal static T Read<T>(string name)
    {
        using var stream = typeof(DemoContent).Assembly.GetManifestResourceStream("NewsApi.Demo." + name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize<T>(stream, JsonOptions)!;
    }

    internal sealed record SeedPage(SeedArticle Article, List<SeedTeaser> Teasers, SeedLink Previous, SeedLink Next);
    internal sealed record SeedArticle(string Headline, string Dateline, List<string> Body, string Source, string Author,
        string Language, string Section, DateTimeOffset PublishedAt, List<string> Tags);
    internal sealed record SeedTeaser(string Headline, string Dateline, string Excerpt);
    internal sealed record SeedLink(string Headline);

    internal sealed record SeedMetadata(List<SeedSection> Sections, SeedNamed Source, SeedNamed Author, SeedPlacement Previous,
        SeedPlacement Next, List<SeedTeaserMeta> Teasers, DateTimeOffset TeasersStartAt, int TeaserIntervalMinutes);
    internal sealed record SeedSection(string Slug, string Name, string? Parent);
    internal sealed record SeedNamed(string Slug, string Name, string? Url);
    internal sealed record SeedPlacement(string Section, DateTimeOffset PublishedAt, string Dateline, List<string> Tags);
    internal sealed record SeedTeaserMeta(string Section, List<string> Tags);
}
