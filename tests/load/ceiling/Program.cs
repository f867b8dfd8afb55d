// Baselines for tests/load/bench.sh, sharing no code with NewsApi:
//   GET /ceiling                 a constant ~3 KB JSON: what Kestrel + minimal APIs do with no work at all.
//   GET /naive/articles/{id}     one Dapper query per request, serialised as is,
//   GET /naive/teasers?limit=20  one query on the feed index,
//   GET /naive/search?q=         one FTS5 MATCH (bm25 order, 20 hits)
// over the same corpus file: what "the obvious code" costs, so the service's numbers have a yardstick.
// usage: dotnet Ceiling.dll --urls http://127.0.0.1:5402 --Db path/to/corpus.db
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var db = builder.Configuration["Db"] ?? throw new InvalidOperationException("Pass --Db <corpus.db>.");
// Read-only and pooled, as a naive read endpoint would be; the file is the one the service serves.
var connectionString = new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();
DefaultTypeMap.MatchNamesWithUnderscores = true;

var app = builder.Build();

// Built once with the options the other endpoints write with (Devanagari unescaped): ~3 KB, about one
// article's answer, so the ceiling pays for comparable bytes on the wire.
var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
var constant = JsonSerializer.SerializeToUtf8Bytes(new
{
    items = Enumerable.Range(1, 8).Select(i => new
    {
        id = i,
        slug = $"ceiling-article-{i}",
        headline = "प्रधानमंत्री ने नई योजना की घोषणा की",
        excerpt = "यह एक स्थिर उत्तर है, जिसका आकार एक सूची पृष्ठ जैसा है।",
        section = "desh",
        publishedAt = "2026-01-01T00:00:00Z",
    }),
    nextCursor = (string?)null,
}, json);
app.MapGet("/ceiling", () => Results.Bytes(constant, "application/json"));

app.MapGet("/naive/articles/{id:long}", async (long id) =>
{
    await using var connection = new SqliteConnection(connectionString);
    var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(
        "SELECT id, slug, headline, excerpt, section_id, published_at, updated_at, body_html FROM articles WHERE id = @id AND status = 'published'",
        new { id });
    return row is null ? Results.NotFound() : Results.Ok(row);
});

app.MapGet("/naive/teasers", async (int? limit) =>
{
    await using var connection = new SqliteConnection(connectionString);
    var rows = await connection.QueryAsync<TeaserRow>(
        "SELECT id, slug, headline, excerpt, section_id, published_at FROM articles WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT @limit",
        new { limit = Math.Clamp(limit ?? 20, 1, 100) });
    return Results.Ok(rows);
});

app.MapGet("/naive/search", async (string? q) =>
{
    if (string.IsNullOrWhiteSpace(q)) return Results.BadRequest();
    // One quoted phrase, so user text is never FTS5 syntax; NFC and lower case as the index holds them.
    var phrase = "\"" + q.Normalize(NormalizationForm.FormC).ToLowerInvariant().Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    await using var connection = new SqliteConnection(connectionString);
    var rows = await connection.QueryAsync<SearchRow>(
        "SELECT rowid AS id, headline, published_at FROM article_search WHERE article_search MATCH @phrase ORDER BY rank LIMIT 20",
        new { phrase });
    return Results.Ok(rows);
});

await app.RunAsync();

// Classes with setters: Dapper on SQLite needs exact column types for positional records (Int64, String).
internal sealed class ArticleRow
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Headline { get; set; } = "";
    public string Excerpt { get; set; } = "";
    public long SectionId { get; set; }
    public string? PublishedAt { get; set; }
    public string UpdatedAt { get; set; } = "";
    public string BodyHtml { get; set; } = "";
}

internal sealed class TeaserRow
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Headline { get; set; } = "";
    public string Excerpt { get; set; } = "";
    public long SectionId { get; set; }
    public string? PublishedAt { get; set; }
}

internal sealed class SearchRow
{
    public long Id { get; set; }
    public string Headline { get; set; } = "";
    public string? PublishedAt { get; set; }
}
