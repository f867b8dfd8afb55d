using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Articles;
using NewsApi.Http;

namespace NewsApi.Taxonomy;

/// <summary>Public sections, tags, authors and sources. Lists are keyset-paged by slug.</summary>
public static class TaxonomyApi
{
    // Each list's cursors hold the slug to continue after; a list's name is also its cache key.
    private static readonly CursorList Sections = new("sections");
    private static readonly CursorList Tags = new("tags");
    private static readonly CursorList Authors = new("authors");
    private static readonly CursorList Sources = new("sources");

    public static RouteGroupBuilder MapTaxonomyApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1").WithTags("Taxonomy").ContentApiPolicy().WithValidation();
        group.MapGet("/sections", ListSections).WithName("listSections").WithSummary("List sections (sub-sections included) with article counts").WithMetadata(Sections);
        group.MapGet("/sections/{slug}", GetSection).WithName("getSection").WithSummary("Get one section by slug");
        group.MapGet("/tags", ListTags).WithName("listTags").WithSummary("List tags with article counts; q filters by prefix (autocomplete)").WithMetadata(Tags);
        group.MapGet("/tags/{slug}", GetTag).WithName("getTag").WithSummary("Get one tag by slug");
        group.MapGet("/authors", ListAuthors).WithName("listAuthors").WithSummary("List authors").WithMetadata(Authors);
        group.MapGet("/authors/{slug}", GetAuthor).WithName("getAuthor").WithSummary("Get one author by slug");
        group.MapGet("/sources", ListSources).WithName("listSources").WithSummary("List sources (news agencies)").WithMetadata(Sources);
        group.MapGet("/sources/{slug}", GetSource).WithName("getSource").WithSummary("Get one source by slug");
        return group;
    }

    public static Task<Results<Ok<Page<SectionItem>>, ValidationProblem>> ListSections(
        [AsParameters] PageQuery page,
        TaxonomyRepository taxonomy, CursorCodec cursors, HttpContext http, CancellationToken ct) =>
        ListAsync(Sections, page, cursors, http, (after, n) => taxonomy.SectionsAsync(null, after, n, ct), r => r.ToSection());

    public static Task<Results<Ok<Page<TagItem>>, ValidationProblem>> ListTags(
        [Description("Prefix of the tag's name or slug (autocomplete), at most 100 characters.")] string? q,
        [AsParameters] PageQuery page,
        TaxonomyRepository taxonomy, CursorCodec cursors, HttpContext http, CancellationToken ct)
    {
        // No tag name is longer (TermInput), and SQLite refuses a LIKE pattern past 50,000 bytes with an error.
        if (q?.Length > MaxTagPrefix)
            return Task.FromResult<Results<Ok<Page<TagItem>>, ValidationProblem>>(
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"q must be at most {MaxTagPrefix} characters."] }));
        var prefix = string.IsNullOrWhiteSpace(q) ? null : Normalize(q);
        return ListAsync(Tags, page, cursors, http, (after, n) => taxonomy.TagsAsync(null, after, n, prefix, ct), r => r.ToTag());
    }

    public static Task<Results<Ok<Page<AuthorItem>>, ValidationProblem>> ListAuthors(
        [AsParameters] PageQuery page,
        TaxonomyRepository taxonomy, CursorCodec cursors, HttpContext http, CancellationToken ct) =>
        ListAsync(Authors, page, cursors, http, (after, n) => taxonomy.AuthorsAsync(null, after, n, ct), r => r.ToAuthor());

    public static Task<Results<Ok<Page<SourceItem>>, ValidationProblem>> ListSources(
        [AsParameters] PageQuery page,
        TaxonomyRepository taxonomy, CursorCodec cursors, HttpContext http, CancellationToken ct) =>
        ListAsync(Sources, page, cursors, http, (after, n) => taxonomy.SourcesAsync(null, after, n, ct), r => r.ToSource());

    public static async Task<Results<Ok<SectionItem>, NotFoundProblem>> GetSection(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        (await taxonomy.SectionsAsync(Normalize(slug), null, 1, ct)) is [var row] ? TypedResults.Ok(Describe(http, "sections", [row])[0].ToSection()) : new NotFoundProblem($"No section has the slug '{slug}'.");

    public static async Task<Results<Ok<TagItem>, NotFoundProblem>> GetTag(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        (await taxonomy.TagsAsync(Normalize(slug), null, 1, null, ct)) is [var row] ? TypedResults.Ok(Describe(http, "tags", [row])[0].ToTag()) : new NotFoundProblem($"No tag has the slug '{slug}'.");

    public static async Task<Results<Ok<AuthorItem>, NotFoundProblem>> GetAuthor(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        (await taxonomy.AuthorsAsync(Normalize(slug), null, 1, ct)) is [var row] ? TypedResults.Ok(Describe(http, "authors", [row])[0].ToAuthor()) : new NotFoundProblem($"No author has the slug '{slug}'.");

    public static async Task<Results<Ok<SourceItem>, NotFoundProblem>> GetSource(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        (await taxonomy.SourcesAsync(Normalize(slug), null, 1, ct)) is [var row] ? TypedResults.Ok(Describe(http, "sources", [row])[0].ToSource()) : new NotFoundProblem($"No source has the slug '{slug}'.");

    /// <summary>Surrogate-Key: the list's name, each item's key, and <c>articles</c> (the counts change
    /// whenever an article is published or leaves the site).</summary>
    private static List<TaxonomyRow> Describe(HttpContext http, string kind, List<TaxonomyRow> rows)
    {
        CacheTags.Describe(http, null, rows.Select(r => CacheTags.Term(kind, r.Slug)).Prepend(kind).Prepend("articles"));
        return rows;
    }

    private static async Task<Results<Ok<Page<T>>, ValidationProblem>> ListAsync<T>(CursorList list,
        PageQuery request, CursorCodec cursors, HttpContext http,
        Func<string?, int, Task<List<TaxonomyRow>>> query, Func<TaxonomyRow, T> map)
    {
        var n = request.Size;
        var after = request.Position(cursors, list);

        var rows = await query(after, n + 1);
        var page = Describe(http, list.Name, rows.Take(n).ToList());
        var next = rows.Count > n ? cursors.Encode(list.Name, page[^1].Slug) : null;
        Paging.SetNextLink(http, next);
        return TypedResults.Ok(new Page<T>(page.Select(map).ToList(), next));
    }

    private const int MaxTagPrefix = 100;

    private static string Normalize(string s) => Text.Slug.Key(s);
}
