using System.ComponentModel;
using System.Text;
using Dapper;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Data.Sqlite;
using NewsApi.Access;
using NewsApi.Data;
using NewsApi.Http;

namespace NewsApi.Taxonomy;

public sealed record SectionInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description,
    [property: Description("Slug of the parent section; null for top level.")] string? Parent);

public sealed record TermInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description);

public sealed record SourceInput(string Name, [property: Description("Derived from the name when omitted.")] string? Slug, string? Description,
    [property: Description("The agency's website.")] string? Url);

public sealed class SectionInputValidator : AbstractValidator<SectionInput>
{
    public SectionInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Slug!).Must(s => Text.Slug.IsValid(s.Normalize(NormalizationForm.FormC))).When(s => s.Slug is not null)
            .WithMessage("Slug must be lower-case letters, marks and digits joined by single hyphens.");
        RuleFor(s => s.Description).MaximumLength(2000);
    }
}

public sealed class TermInputValidator : AbstractValidator<TermInput>
{
    public TermInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Slug!).Must(s => Text.Slug.IsValid(s.Normalize(NormalizationForm.FormC))).When(s => s.Slug is not null)
            .WithMessage("Slug must be lower-case letters, marks and digits joined by single hyphens.");
        RuleFor(s => s.Description).MaximumLength(2000);
    }
}

public sealed class SourceInputValidator : AbstractValidator<SourceInput>
{
    public SourceInputValidator()
    {
        RuleFor(s => s.Name).NotEmpty().MaximumLength(100);
        RuleFor(s => s.Slug!).Must(s => Text.Slug.IsValid(s.Normalize(NormalizationForm.FormC))).When(s => s.Slug is not null)
            .WithMessage("Slug must be lower-case letters, marks and digits joined by single hyphens.");
        RuleFor(s => s.Description).MaximumLength(2000);
        RuleFor(s => s.Url!).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            .When(s => s.Url is not null).WithMessage("url must be an absolute http(s) URL.");
    }
}

/// <summary>/v1/admin/sections, /tags, /authors, /sources: editors and admins. Each item's ETag is its
/// version; updates and deletes need it in If-Match (428 without, 412 when stale), as article writes do.</summary>
public static class TaxonomyAdminApi
{
    public static RouteGroupBuilder MapTaxonomyAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin").WithTags("Admin: taxonomy").RequireKey(Policies.Editor);
        group.MapPost("/sections", CreateSection).WithName("createSection").WithSummary("Create a section").AddEndpointFilter<ValidationFilter<SectionInput>>();
        group.MapGet("/sections/{slug}", GetSection).WithName("getSectionForEditing").WithSummary("Get a section with its ETag (\"version.hash\"; If-Match needs only the version)");
        group.MapPut("/sections/{slug}", UpdateSection).WithName("updateSection").WithSummary("Update a section (rename, move; no cycles; If-Match required)").AddEndpointFilter<ValidationFilter<SectionInput>>();
        group.MapDelete("/sections/{slug}", DeleteSection).WithName("deleteSection").WithSummary("Delete a section without articles or sub-sections (If-Match required)");
        group.MapPost("/tags", CreateTag).WithName("createTag").WithSummary("Create a tag").AddEndpointFilter<ValidationFilter<TermInput>>();
        group.MapGet("/tags/{slug}", GetTag).WithName("getTagForEditing").WithSummary("Get a tag (also one no public article carries yet) with its ETag");
        group.MapPut("/tags/{slug}", UpdateTag).WithName("updateTag").WithSummary("Update a tag (If-Match required)").AddEndpointFilter<ValidationFilter<TermInput>>();
        group.MapDelete("/tags/{slug}", DeleteTag).WithName("deleteTag").WithSummary("Delete a tag no article uses (If-Match required)");
        group.MapPost("/authors", CreateAuthor).WithName("createAuthor").WithSummary("Create an author").AddEndpointFilter<ValidationFilter<TermInput>>();
        group.MapGet("/authors/{slug}", GetAuthor).WithName("getAuthorForEditing").WithSummary("Get an author with their ETag");
        group.MapPut("/authors/{slug}", UpdateAuthor).WithName("updateAuthor").WithSummary("Update an author (If-Match required)").AddEndpointFilter<ValidationFilter<TermInput>>();
        group.MapDelete("/authors/{slug}", DeleteAuthor).WithName("deleteAuthor").WithSummary("Delete an author with no articles (If-Match required)");
        group.MapPost("/sources", CreateSource).WithName("createSource").WithSummary("Create a source (agency)").AddEndpointFilter<ValidationFilter<SourceInput>>();
        group.MapGet("/sources/{slug}", GetSource).WithName("getSourceForEditing").WithSummary("Get a source with its ETag");
        group.MapPut("/sources/{slug}", UpdateSource).WithName("updateSource").WithSummary("Update a source (If-Match required)").AddEndpointFilter<ValidationFilter<SourceInput>>();
        group.MapDelete("/sources/{slug}", DeleteSource).WithName("deleteSource").WithSummary("Delete a source no article credits (If-Match required)");
        return group;
    }

    private static string Norm(string s) => s.Trim().Normalize(NormalizationForm.FormC);
    private static string? NormOrNull(string? s) => s is null ? null : Norm(s);
    private static string SlugOf(string? slug, string name) => slug is null ? Text.Slug.From(name) : Text.Slug.Key(slug);

    // ---- sections
    public static async Task<Results<Created<SectionItem>, ValidationProblem, ConflictProblem>> CreateSection(
        SectionInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct)
    {
        var slug = SlugOf(input.Slug, input.Name);
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        long? parentId = null;
        if (input.Parent is not null && (parentId = (await CurrentAsync(connection, "sections", Text.Slug.Key(input.Parent), ct, tx))?.Id) is null)
            return Invalid("parent", $"No section has the slug '{input.Parent}'.");
        var inserted = await TryAsync(() => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sections (slug, name, description, parent_id, created_at, updated_at) VALUES (@slug, @name, @description, @parentId, @now, @now)",
            new { slug, name = Norm(input.Name), description = NormOrNull(input.Description), parentId, now = clock.GetUtcNow() }, tx, cancellationToken: ct)));
        if (inserted is null) return new ConflictProblem($"A section with the slug '{slug}' exists.");
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await tx.CommitAsync(ct);
        Preconditions.SetETag(http, 1);
        return TypedResults.Created($"/v1/sections/{Uri.EscapeDataString(slug)}", (await reader.SectionsAsync(slug, null, 1, ct))[0].ToSection());
    }

    public static Task<Results<Ok<SectionItem>, NotFoundProblem>> GetSection(string slug, Db db, TaxonomyReader reader, HttpContext http, CancellationToken ct) =>
        GetAsync(db, "sections", slug, http, async s => (await reader.SectionsAsync(s, null, 1, ct))[0].ToSection(), ct);

    private const string DescendantsSql = """
        WITH RECURSIVE tree(id) AS (SELECT @id UNION SELECT c.id FROM sections c JOIN tree ON c.parent_id = tree.id) SELECT id FROM tree
        """;

    public static async Task<Results<Ok<SectionItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateSection(
        [Description("Current slug.")] string slug, SectionInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct)
    {
        // One write transaction: the parent and cycle checks hold until the move is saved.
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var current = await CurrentAsync(connection, "sections", Text.Slug.Key(slug), ct, tx);
        if (current is null) return new NotFoundProblem($"No section has the slug '{slug}'.");
        if (Refused(http, current.Value.Version, $"section '{slug}'") is { } refused) return refused;
        long? parentId = null;
        if (input.Parent is not null)
        {
            parentId = (await CurrentAsync(connection, "sections", Text.Slug.Key(input.Parent), ct, tx))?.Id;
            if (parentId is null) return Invalid("parent", $"No section has the slug '{input.Parent}'.");
            var subtree = await connection.QueryAsync<long>(new CommandDefinition(DescendantsSql, new { id = current.Value.Id }, tx, cancellationToken: ct));
            if (subtree.Contains(parentId.Value)) return Invalid("parent", "A section cannot be moved under itself or one of its sub-sections.");
        }
        var newSlug = input.Slug is null ? Text.Slug.Key(slug) : SlugOf(input.Slug, input.Name);
        var updated = await TryAsync(() => connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sections SET slug = @newSlug, name = @name, description = @description, parent_id = @parentId, updated_at = @now, version = version + 1
            WHERE id = @id AND version = @version
            """, new { id = current.Value.Id, version = current.Value.Version, newSlug, name = Norm(input.Name), description = NormOrNull(input.Description), parentId, now = clock.GetUtcNow() },
            tx, cancellationToken: ct)));
        if (updated is null) return new ConflictProblem($"A section with the slug '{newSlug}' exists.");
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await tx.CommitAsync(ct);
        Preconditions.SetETag(http, current.Value.Version + 1);
        return TypedResults.Ok((await reader.SectionsAsync(newSlug, null, 1, ct))[0].ToSection());
    }

    public static Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteSection(string slug, Db db, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        DeleteAsync(db, contentClock, "sections", slug, http, "SELECT (SELECT count(*) FROM articles WHERE section_id = @id) + (SELECT count(*) FROM sections WHERE parent_id = @id)",
            "it still has articles or sub-sections", ct);

    // ---- tags, authors, sources
    public static Task<Results<Created<TagItem>, ValidationProblem, ConflictProblem>> CreateTag(TermInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        CreateAsync(db, clock, contentClock, http, "tags", "/v1/tags/", input.Name, input.Slug, input.Description, null, async s => (await reader.TagsAsync(s, null, 1, null, ct, all: true))[0].ToTag(), ct);

    public static Task<Results<Ok<TagItem>, NotFoundProblem>> GetTag(string slug, Db db, TaxonomyReader reader, HttpContext http, CancellationToken ct) =>
        GetAsync(db, "tags", slug, http, async s => (await reader.TagsAsync(s, null, 1, null, ct, all: true))[0].ToTag(), ct);

    public static Task<Results<Ok<TagItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateTag(
        string slug, TermInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        UpdateAsync(db, clock, contentClock, http, "tags", slug, input.Name, input.Slug, input.Description, null, async s => (await reader.TagsAsync(s, null, 1, null, ct, all: true))[0].ToTag(), ct);

    public static Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteTag(string slug, Db db, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        DeleteAsync(db, contentClock, "tags", slug, http, "SELECT count(*) FROM article_tags WHERE tag_id = @id", "articles are tagged with it", ct);

    public static Task<Results<Created<AuthorItem>, ValidationProblem, ConflictProblem>> CreateAuthor(TermInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        CreateAsync(db, clock, contentClock, http, "authors", "/v1/authors/", input.Name, input.Slug, input.Description, null, async s => (await reader.AuthorsAsync(s, null, 1, ct))[0].ToAuthor(), ct);

    public static Task<Results<Ok<AuthorItem>, NotFoundProblem>> GetAuthor(string slug, Db db, TaxonomyReader reader, HttpContext http, CancellationToken ct) =>
        GetAsync(db, "authors", slug, http, async s => (await reader.AuthorsAsync(s, null, 1, ct))[0].ToAuthor(), ct);

    public static Task<Results<Ok<AuthorItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateAuthor(
        string slug, TermInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        UpdateAsync(db, clock, contentClock, http, "authors", slug, input.Name, input.Slug, input.Description, null, async s => (await reader.AuthorsAsync(s, null, 1, ct))[0].ToAuthor(), ct);

    public static Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteAuthor(string slug, Db db, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        DeleteAsync(db, contentClock, "authors", slug, http, "SELECT count(*) FROM article_authors WHERE author_id = @id", "articles are credited to them", ct);

    public static Task<Results<Created<SourceItem>, ValidationProblem, ConflictProblem>> CreateSource(SourceInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        CreateAsync(db, clock, contentClock, http, "sources", "/v1/sources/", input.Name, input.Slug, input.Description, input.Url, async s => (await reader.SourcesAsync(s, null, 1, ct))[0].ToSource(), ct);

    public static Task<Results<Ok<SourceItem>, NotFoundProblem>> GetSource(string slug, Db db, TaxonomyReader reader, HttpContext http, CancellationToken ct) =>
        GetAsync(db, "sources", slug, http, async s => (await reader.SourcesAsync(s, null, 1, ct))[0].ToSource(), ct);

    public static Task<Results<Ok<SourceItem>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateSource(
        string slug, SourceInput input, Db db, TaxonomyReader reader, TimeProvider clock, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        UpdateAsync(db, clock, contentClock, http, "sources", slug, input.Name, input.Slug, input.Description, input.Url, async s => (await reader.SourcesAsync(s, null, 1, ct))[0].ToSource(), ct);

    public static Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteSource(string slug, Db db, ContentClock contentClock, HttpContext http, CancellationToken ct) =>
        DeleteAsync(db, contentClock, "sources", slug, http, "SELECT count(*) FROM articles WHERE source_id = @id", "articles credit it", ct);

    // Table names below come only from the fixed list of taxonomy tables, never from a request.
    private static readonly Dictionary<string, (string Insert, string Update)> Sql = new()
    {
        ["tags"] = ("INSERT INTO tags (slug, name, description, created_at, updated_at) VALUES (@slug, @name, @description, @now, @now)",
                    "UPDATE tags SET slug = @newSlug, name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version"),
        ["authors"] = ("INSERT INTO authors (slug, name, description, created_at, updated_at) VALUES (@slug, @name, @description, @now, @now)",
                       "UPDATE authors SET slug = @newSlug, name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version"),
        ["sources"] = ("INSERT INTO sources (slug, name, description, url, created_at, updated_at) VALUES (@slug, @name, @description, @url, @now, @now)",
                       "UPDATE sources SET slug = @newSlug, name = @name, description = @description, url = @url, updated_at = @now, version = version + 1 WHERE id = @id AND version = @version"),
    };

    private static async Task<Results<Created<T>, ValidationProblem, ConflictProblem>> CreateAsync<T>(Db db, TimeProvider clock, ContentClock contentClock, HttpContext http, string table, string path,
        string name, string? slugInput, string? description, string? url, Func<string, Task<T>> read, CancellationToken ct)
    {
        var slug = SlugOf(slugInput, name);
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var inserted = await TryAsync(() => connection.ExecuteAsync(new CommandDefinition(Sql[table].Insert,
            new { slug, name = Norm(name), description = NormOrNull(description), url = url?.Trim(), now = clock.GetUtcNow() }, tx, cancellationToken: ct)));
        if (inserted is null) return new ConflictProblem($"The slug '{slug}' is taken in {table}.");
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await tx.CommitAsync(ct);
        Preconditions.SetETag(http, 1);
        return TypedResults.Created(path + Uri.EscapeDataString(slug), await read(slug));
    }

    private static async Task<Results<Ok<T>, NotFoundProblem>> GetAsync<T>(Db db, string table, string slug, HttpContext http, Func<string, Task<T>> read, CancellationToken ct)
    {
        var key = Text.Slug.Key(slug);
        (long Id, long Version)? current;
        await using (var connection = await db.OpenAsync(ct))
            current = await CurrentAsync(connection, table, key, ct);
        if (current is null) return new NotFoundProblem($"Nothing in {table} has the slug '{slug}'.");
        Preconditions.SetETag(http, current.Value.Version);
        return TypedResults.Ok(await read(key));
    }

    private static async Task<Results<Ok<T>, ValidationProblem, NotFoundProblem, ConflictProblem, PreconditionProblem>> UpdateAsync<T>(Db db, TimeProvider clock, ContentClock contentClock,
        HttpContext http, string table, string slug, string name, string? slugInput, string? description, string? url, Func<string, Task<T>> read, CancellationToken ct)
    {
        // One write transaction: the version checked is the version replaced.
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var key = Text.Slug.Key(slug);
        var current = await CurrentAsync(connection, table, key, ct, tx);
        if (current is null) return new NotFoundProblem($"Nothing in {table} has the slug '{slug}'.");
        if (Refused(http, current.Value.Version, $"'{slug}' in {table}") is { } refused) return refused;
        var newSlug = slugInput is null ? key : SlugOf(slugInput, name);
        var updated = await TryAsync(() => connection.ExecuteAsync(new CommandDefinition(Sql[table].Update,
            new { id = current.Value.Id, version = current.Value.Version, newSlug, name = Norm(name), description = NormOrNull(description), url = url?.Trim(), now = clock.GetUtcNow() },
            tx, cancellationToken: ct)));
        if (updated is null) return new ConflictProblem($"The slug '{newSlug}' is taken in {table}.");
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await tx.CommitAsync(ct);
        Preconditions.SetETag(http, current.Value.Version + 1);
        return TypedResults.Ok(await read(newSlug));
    }

    private static async Task<Results<NoContent, NotFoundProblem, ConflictProblem, PreconditionProblem>> DeleteAsync(Db db, ContentClock contentClock, string table, string slug, HttpContext http,
        string usesSql, string why, CancellationToken ct)
    {
        var (connection, tx) = await db.BeginWriteAsync(ct);
        await using var _ = connection;
        await using var __ = tx;
        var current = await CurrentAsync(connection, table, Text.Slug.Key(slug), ct, tx);
        if (current is null) return new NotFoundProblem($"Nothing in {table} has the slug '{slug}'.");
        if (Refused(http, current.Value.Version, $"'{slug}' in {table}") is { } refused) return refused;
        var uses = await connection.ExecuteScalarAsync<long>(new CommandDefinition(usesSql, new { id = current.Value.Id }, tx, cancellationToken: ct));
        if (uses > 0) return new ConflictProblem($"'{slug}' cannot be deleted: {why} ({uses}).");
        await connection.ExecuteAsync(new CommandDefinition(DeleteSql[table], new { id = current.Value.Id }, tx, cancellationToken: ct));
        await contentClock.RecordAsync(connection, tx, taxonomy: true, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static readonly Dictionary<string, string> DeleteSql = new()
    {
        ["sections"] = "DELETE FROM sections WHERE id = @id",
        ["tags"] = "DELETE FROM tags WHERE id = @id",
        ["authors"] = "DELETE FROM authors WHERE id = @id",
        ["sources"] = "DELETE FROM sources WHERE id = @id",
    };

    private static readonly Dictionary<string, string> CurrentSql = new()
    {
        ["sections"] = "SELECT id, version FROM sections WHERE slug = @slug",
        ["tags"] = "SELECT id, version FROM tags WHERE slug = @slug",
        ["authors"] = "SELECT id, version FROM authors WHERE slug = @slug",
        ["sources"] = "SELECT id, version FROM sources WHERE slug = @slug",
    };

    private static async Task<(long Id, long Version)?> CurrentAsync(SqliteConnection connection, string table, string slug, CancellationToken ct, System.Data.Common.DbTransaction? tx = null)
    {
        var rows = await connection.QueryAsync<(long Id, long Version)>(new CommandDefinition(CurrentSql[table], new { slug }, tx, cancellationToken: ct));
        return rows.Select(r => ((long, long)?)r).FirstOrDefault();
    }

    private static PreconditionProblem? Refused(HttpContext http, long version, string what) =>
        Preconditions.Refusal(http, version, what) is { } r ? new PreconditionProblem(r.Status, r.Detail) : null;

    /// <summary>Runs a write that may hit the unique slug constraint: the rows it changed, or null when it hit it.</summary>
    private static async Task<int?> TryAsync(Func<Task<int>> write)
    {
        try { return await write(); }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) { return null; }
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
