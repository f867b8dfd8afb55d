using Dapper;
using NewsApi.Data;

namespace NewsApi.Search;

/// <summary>Where suggestions come from: the headlines of the search index (it holds exactly the public articles,
/// normalised, with their publication time) and the tags, sections and authors of those articles, each with how
/// many carry it and how many of them since <c>@recent</c>. Read whole, to be kept in memory (<see cref="Suggester"/>).</summary>
public sealed class SuggestionRepository(Db db)
{
    // Settable members rather than positional records: FTS5 columns and aggregates carry no declared type, so on
    // an empty index SQLite reports them as BLOB and Dapper finds no constructor taking (byte[], byte[]); the first
    // suggest request on a database with nothing published then failed with a 500.
    public sealed record Headline
    {
        public string Text { get; init; } = "";

        public string PublishedAt { get; init; } = "";
    }

    public sealed record Named
    {
        public string Kind { get; init; } = "";

        public string Name { get; init; } = "";

        public string Slug { get; init; } = "";

        public long Articles { get; init; }

        public long Recent { get; init; }
    }

    private const string HeadlinesSql = "SELECT headline AS Text, published_at AS PublishedAt FROM article_search";

    private const string NamedSql = """
        SELECT 'tag' AS Kind, t.name AS Name, t.slug AS Slug, count(*) AS Articles, sum(s.published_at >= @recent) AS Recent
          FROM article_search s JOIN article_tags x ON x.article_id = s.rowid JOIN tags t ON t.id = x.tag_id GROUP BY t.id
        UNION ALL
        SELECT 'section', c.name, c.slug, count(*), sum(s.published_at >= @recent)
          FROM article_search s JOIN articles a ON a.id = s.rowid JOIN sections c ON c.id = a.section_id GROUP BY c.id
        UNION ALL
        SELECT 'author', u.name, u.slug, count(*), sum(s.published_at >= @recent)
          FROM article_search s JOIN article_authors x ON x.article_id = s.rowid JOIN authors u ON u.id = x.author_id GROUP BY u.id
        """;

    public async Task<(List<Headline> Headlines, List<Named> Named)> ReadAsync(DateTimeOffset recent, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var headlines = (await connection.QueryAsync<Headline>(new CommandDefinition(HeadlinesSql, cancellationToken: ct))).AsList();
        var named = (await connection.QueryAsync<Named>(new CommandDefinition(NamedSql, new { recent = DbTime.ToText(recent) }, cancellationToken: ct))).AsList();
        return (headlines, named);
    }
}
