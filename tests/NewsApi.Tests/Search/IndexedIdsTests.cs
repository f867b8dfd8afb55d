using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>The index's catch-up reads the indexed ids from FTS5's docsize shadow table (Search/SearchIndexRepository.cs:
/// reading rowid from the FTS table walks its content, bodies and all). That holds only while docsize has exactly the
/// FTS table's rows, true for an FTS5 table with its own content and column sizes on: this fails if the table's
/// definition ever changes so that it no longer does.</summary>
[TestFixture]
public sealed class IndexedIdsTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    [Test]
    public async Task The_docsize_table_holds_exactly_the_indexed_articles_through_publish_unpublish_and_delete()
    {
        var (published, _) = await PublishedAsync(Editor);
        var (unpublished, _) = await PublishedAsync(Editor);
        var (deleted, _) = await PublishedAsync(Editor);
        await TransitionOkAsync(Editor, unpublished, "unpublish");
        using (var gone = await DeleteAsync(Editor, deleted, ETag(await VersionAsync(Editor, deleted))))
            Assert.That((int)gone.StatusCode, Is.EqualTo(204), await gone.Content.ReadAsStringAsync());

        var fromFts = await IdsAsync("SELECT rowid FROM article_search ORDER BY 1");
        var fromDocsize = await IdsAsync("SELECT id FROM article_search_docsize ORDER BY 1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fromDocsize, Is.EqualTo(fromFts));
            Assert.That(fromFts, Does.Contain(published).And.Not.Contain(unpublished).And.Not.Contain(deleted));
            Assert.That(fromFts, Has.Count.GreaterThan(3), "the demo page's articles are indexed too");
        }
    }

    private async Task<List<long>> IdsAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False;Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids;
    }
}
