using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using NewsApi.Access;
using NewsApi.Http;

namespace NewsApi.Taxonomy;

/// <summary>/v1/admin/sections, /tags, /authors, /sources: editors and admins. Each item's ETag is its
/// version; updates and deletes need it in If-Match (428 without, 412 when stale), as article writes do.
/// A create's Location is the item's admin GET, which also shows a tag no public article carries yet.</summary>
public static class TaxonomyAdminApi
{
    public static RouteGroupBuilder MapTaxonomyAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin").WithTags("Admin: taxonomy").RequireKey(Policies.Editor).CachePrivate().RequireRateLimiting(RateLimits.Admin).WithValidation();
        group.MapPost("/sections", CreateSection).WithName("createSection").WithSummary("Create a section");
        group.MapGet("/sections/{slug}", GetSection).WithName("getSectionForEditing").WithSummary("Get a section with its ETag (\"version.hash\"; If-Match needs only the version)");
        group.MapPut("/sections/{slug}", UpdateSection).WithName("updateSection").WithSummary("Update a section (rename, move; no cycles; If-Match required)");
        group.MapDelete("/sections/{slug}", DeleteSection).WithName("deleteSection").WithSummary("Delete a section without articles or sub-sections (If-Match required)");
        group.MapPost("/tags", CreateTag).WithName("createTag").WithSummary("Create a tag");
        group.MapGet("/tags/{slug}", GetTag).WithName("getTagForEditing").WithSummary("Get a tag (also one no public article carries yet) with its ETag");
        group.MapPut("/tags/{slug}", UpdateTag).WithName("updateTag").WithSummary("Update a tag (If-Match required)");
        group.MapDelete("/tags/{slug}", DeleteTag).WithName("deleteTag").WithSummary("Delete a tag no article uses (If-Match required)");
        group.MapPost("/authors", CreateAuthor).WithName("createAuthor").WithSummary("Create an author");
        group.MapGet("/authors/{slug}", GetAuthor).WithName("getAuthorForEditing").WithSummary("Get an author with their ETag");
        group.MapPut("/authors/{slug}", UpdateAuthor).WithName("updateAuthor").WithSummary("Update an author (If-Match required)");
        group.MapDelete("/authors/{slug}", DeleteAuthor).WithName("deleteAuthor").WithSummary("Delete an author with no articles (If-Match required)");
        group.MapPost("/sources", CreateSource).WithName("createSource").WithSummary("Create a source (agency)");
        group.MapGet("/sources/{slug}", GetSource).WithName("getSourceForEditing").WithSummary("Get a source with its ETag");
        group.MapPut("/sources/{slug}", UpdateSource).WithName("updateSource").WithSummary("Update a source (If-Match required)");
        group.MapDelete("/sources/{slug}", DeleteSource).WithName("deleteSource").WithSummary("Delete a source no article credits (If-Match required)");
        return group;
    }

    // ---- sections

    public static async Task<Results<Created<SectionItem>, ValidationProblem, ConflictProblem>> CreateSection(
        SectionInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange();
        var write = await taxonomy.CreateSectionAsync(change, KeyOrNull(input.Parent), ct);
        if (write.Outcome == TaxonomyOutcome.UnknownParent) return UnknownParent(input.Parent);
        if (write.Outcome == TaxonomyOutcome.LookAlike) return LookAlike("sections", change.Slug, write);
        if (write.Outcome != TaxonomyOutcome.Done) return new ConflictProblem($"A section with the slug '{change.Slug}' exists.");
        return Created(http, "sections", change.Slug, (await taxonomy.SectionsAsync(change.Slug, null, 1, ct))[0].ToSection());
    }

    public static async Task<Results<Ok<SectionItem>, NotFoundProblem>> GetSection(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Found(http, "sections", slug, await taxonomy.SectionsAsync(Key(slug), null, 1, ct), r => r.ToSection());

    public static async Task<Results<Ok<SectionItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateSection(
        [Description("Current slug.")] string slug, SectionInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange(Key(slug));
        var write = await taxonomy.UpdateSectionAsync(Key(slug), change, KeyOrNull(input.Parent), IfMatch(http), ct);
        return write.Outcome switch
        {
            TaxonomyOutcome.Done => Updated(http, write, (await taxonomy.SectionsAsync(change.Slug, null, 1, ct))[0].ToSection()),
            TaxonomyOutcome.NotFound => new NotFoundProblem($"No section has the slug '{slug}'."),
            TaxonomyOutcome.VersionMismatch => Refused(http, write.Version, $"section '{slug}'"),
            TaxonomyOutcome.UnknownParent => UnknownParent(input.Parent),
            TaxonomyOutcome.UnderItself => Invalid("parent", "A section cannot be moved under itself or one of its sub-sections."),
            TaxonomyOutcome.LookAlike => LookAlike("sections", change.Slug, write),
            _ => new ConflictProblem($"A section with the slug '{change.Slug}' exists."),
        };
    }

    public static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteSection(
        string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Deleted(http, "sections", slug, await taxonomy.DeleteSectionAsync(Key(slug), IfMatch(http), ct), "it still has articles or sub-sections");

    // ---- tags

    public static async Task<Results<Created<TagItem>, ValidationProblem, ConflictProblem>> CreateTag(
        TermInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange();
        var write = await taxonomy.CreateTagAsync(change, ct);
        if (write.Outcome == TaxonomyOutcome.LookAlike) return LookAlike("tags", change.Slug, write);
        if (write.Outcome != TaxonomyOutcome.Done) return Taken("tags", change.Slug);
        return Created(http, "tags", change.Slug, (await taxonomy.TagsAsync(change.Slug, null, 1, null, ct, all: true))[0].ToTag());
    }

    public static async Task<Results<Ok<TagItem>, NotFoundProblem>> GetTag(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Found(http, "tags", slug, await taxonomy.TagsAsync(Key(slug), null, 1, null, ct, all: true), r => r.ToTag());

    public static async Task<Results<Ok<TagItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateTag(
        string slug, TermInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange(Key(slug));
        var write = await taxonomy.UpdateTagAsync(Key(slug), change, IfMatch(http), ct);
        return await UpdatedAsync(http, "tags", slug, change, write, async s => (await taxonomy.TagsAsync(s, null, 1, null, ct, all: true))[0].ToTag());
    }

    public static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteTag(
        string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Deleted(http, "tags", slug, await taxonomy.DeleteTagAsync(Key(slug), IfMatch(http), ct), "articles are tagged with it");

    // ---- authors

    public static async Task<Results<Created<AuthorItem>, ValidationProblem, ConflictProblem>> CreateAuthor(
        TermInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange();
        if ((await taxonomy.CreateAuthorAsync(change, ct)).Outcome != TaxonomyOutcome.Done) return Taken("authors", change.Slug);
        return Created(http, "authors", change.Slug, (await taxonomy.AuthorsAsync(change.Slug, null, 1, ct))[0].ToAuthor());
    }

    public static async Task<Results<Ok<AuthorItem>, NotFoundProblem>> GetAuthor(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Found(http, "authors", slug, await taxonomy.AuthorsAsync(Key(slug), null, 1, ct), r => r.ToAuthor());

    public static async Task<Results<Ok<AuthorItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateAuthor(
        string slug, TermInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange(Key(slug));
        var write = await taxonomy.UpdateAuthorAsync(Key(slug), change, IfMatch(http), ct);
        return await UpdatedAsync(http, "authors", slug, change, write, async s => (await taxonomy.AuthorsAsync(s, null, 1, ct))[0].ToAuthor());
    }

    public static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteAuthor(
        string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Deleted(http, "authors", slug, await taxonomy.DeleteAuthorAsync(Key(slug), IfMatch(http), ct), "articles are credited to them");

    // ---- sources

    public static async Task<Results<Created<SourceItem>, ValidationProblem, ConflictProblem>> CreateSource(
        SourceInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange();
        if ((await taxonomy.CreateSourceAsync(change, ct)).Outcome != TaxonomyOutcome.Done) return Taken("sources", change.Slug);
        return Created(http, "sources", change.Slug, (await taxonomy.SourcesAsync(change.Slug, null, 1, ct))[0].ToSource());
    }

    public static async Task<Results<Ok<SourceItem>, NotFoundProblem>> GetSource(string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Found(http, "sources", slug, await taxonomy.SourcesAsync(Key(slug), null, 1, ct), r => r.ToSource());

    public static async Task<Results<Ok<SourceItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateSource(
        string slug, SourceInput input, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct)
    {
        var change = input.ToChange(Key(slug));
        var write = await taxonomy.UpdateSourceAsync(Key(slug), change, IfMatch(http), ct);
        return await UpdatedAsync(http, "sources", slug, change, write, async s => (await taxonomy.SourcesAsync(s, null, 1, ct))[0].ToSource());
    }

    public static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteSource(
        string slug, TaxonomyRepository taxonomy, HttpContext http, CancellationToken ct) =>
        Deleted(http, "sources", slug, await taxonomy.DeleteSourceAsync(Key(slug), IfMatch(http), ct), "articles credit it");

    // ---- answers shared by the four kinds

    private static string Key(string slug) => Text.Slug.Key(slug);
    private static string? KeyOrNull(string? slug) => slug is null ? null : Text.Slug.Key(slug);

    /// <summary>Whether If-Match names the version the write transaction found (428 / 412 otherwise, see <see cref="Refused"/>).</summary>
    private static Func<long, bool> IfMatch(HttpContext http) => version => Preconditions.Refusal(http, version, "") is null;

    private static PreconditionProblem Refused(HttpContext http, long version, string what) =>
        Preconditions.Refusal(http, version, what) is { } r ? new PreconditionProblem(r.Status, r.Detail) : throw new InvalidOperationException("If-Match was accepted.");

    private static Created<T> Created<T>(HttpContext http, string kind, string slug, T item)
    {
        Preconditions.SetETag(http, 1);
        return TypedResults.Created($"/v1/admin/{kind}/{Uri.EscapeDataString(slug)}", item);
    }

    private static Results<Ok<T>, NotFoundProblem> Found<T>(HttpContext http, string kind, string slug, List<TaxonomyRow> rows, Func<TaxonomyRow, T> map)
    {
        if (rows is not [var row]) return new NotFoundProblem($"Nothing in {kind} has the slug '{slug}'.");
        Preconditions.SetETag(http, row.Version);
        return TypedResults.Ok(map(row));
    }

    private static Ok<T> Updated<T>(HttpContext http, TaxonomyWrite write, T item)
    {
        Preconditions.SetETag(http, write.Version);
        return TypedResults.Ok(item);
    }

    private static async Task<Results<Ok<T>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdatedAsync<T>(
        HttpContext http, string kind, string slug, TaxonomyChange change, TaxonomyWrite write, Func<string, Task<T>> read) => write.Outcome switch
    {
        TaxonomyOutcome.Done => Updated(http, write, await read(change.Slug)),
        TaxonomyOutcome.NotFound => new NotFoundProblem($"Nothing in {kind} has the slug '{slug}'."),
        TaxonomyOutcome.VersionMismatch => Refused(http, write.Version, $"'{slug}' in {kind}"),
        TaxonomyOutcome.LookAlike => LookAlike(kind, change.Slug, write),
        _ => Taken(kind, change.Slug),
    };

    private static Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem> Deleted(HttpContext http, string kind, string slug, TaxonomyWrite write, string why) => write.Outcome switch
    {
        TaxonomyOutcome.Done => TypedResults.NoContent(),
        TaxonomyOutcome.NotFound => new NotFoundProblem($"Nothing in {kind} has the slug '{slug}'."),
        TaxonomyOutcome.VersionMismatch => Refused(http, write.Version, $"'{slug}' in {kind}"),
        _ => new ConflictProblem($"'{slug}' cannot be deleted: {why} ({write.Uses})."),
    };

    private static ConflictProblem Taken(string kind, string slug) => new($"The slug '{slug}' is taken in {kind}.");

    /// <summary>409, as for a taken slug: the new slug has the UTS #39 skeleton of one already in <paramref name="kind"/>.</summary>
    private static ConflictProblem LookAlike(string kind, string slug, TaxonomyWrite write) =>
        new($"The slug '{slug}' could pass for '{write.LookAlike}' in {kind} (the same Unicode confusable skeleton, UTS #39).");

    private static ValidationProblem UnknownParent(string? parent) => Invalid("parent", $"No section has the slug '{parent}'.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
