using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Links stored as sent, before writes re-serialised them, are put in their safe form at the next start:
/// the answers then carry no quote, angle bracket, newline or bidi control, and nothing of the link is lost.</summary>
[TestFixture]
public sealed class StoredLinkRewriteTests : ApiTestBase
{
    [Test]
    public async Task Raw_links_from_an_older_version_are_answered_safe_after_a_restart()
    {
        var (id, _) = await CreatedAsync(Editor, FullArticle("पुराने पते वाली ख़बर").With("image", new { url = "https://example.com/a.jpg", alt = "चित्र" }));
        using var source = await Editor.PostAsJsonAsync("/v1/admin/sources", new { slug = "purani-agency", name = "पुरानी एजेंसी", url = "https://agency.example/" }, NewsApiFactory.Json);
        Assert.That((int)source.StatusCode, Is.EqualTo(201), await source.Content.ReadAsStringAsync());
        // As an older version stored them: exactly what the editor sent; and the request migration 0010 leaves in
        // a database it upgrades (this one had it at its first start, with nothing to rewrite).
        await using (var connection = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var write = connection.CreateCommand();
            write.CommandText = """
                UPDATE articles SET image_url = 'https://example.com/a.jpg"><script>alert(1)</script>',
                    canonical_url = 'https://example.com/चित्र/‮gpj.exe' || char(10) || 'x' WHERE id = $id;
                UPDATE sources SET url = 'not a url <b>' WHERE slug = 'purani-agency';
                INSERT INTO settings (name, value) VALUES ('stored_links_rewrite', 'pending');
                """;
            write.Parameters.AddWithValue("$id", id);
            await write.ExecuteNonQueryAsync();
        }

        using var restarted = new NewsApiFactory(demoContent: false, dbPath: Factory.DbPath);
        using var admin = Keys.ClientWith(restarted, await Keys.CreateAsync(restarted, NewsApi.Access.Roles.Admin));
        var article = JsonDocument.Parse(await admin.GetStringAsync($"{ArticlesUrl}/{id}")).RootElement;
        var sourceUrl = JsonDocument.Parse(await admin.GetStringAsync("/v1/sources/purani-agency")).RootElement.GetProperty("url").GetString();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("image").GetProperty("url").GetString(),
                Is.EqualTo("https://example.com/a.jpg%22%3E%3Cscript%3Ealert(1)%3C/script%3E"));
            // The Devanagari, the right-to-left override and the newline are percent-encoded, not lost.
            Assert.That(article.GetProperty("canonicalUrl").GetString(),
                Is.EqualTo("https://example.com/%E0%A4%9A%E0%A4%BF%E0%A4%A4%E0%A5%8D%E0%A4%B0/%E2%80%AEgpj.exe%0Ax"));
            // Not a URL at all: kept, with what is unsafe encoded.
            Assert.That(sourceUrl, Is.EqualTo("not%20a%20url%20%3Cb%3E"));
        }
        // Once: the request is cleared, and a further start changes nothing.
        await using (var connection = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT count(*) FROM settings WHERE name = 'stored_links_rewrite'";
            Assert.That(await read.ExecuteScalarAsync(), Is.Zero);
        }
        using var again = new NewsApiFactory(demoContent: false, dbPath: Factory.DbPath);
        using var admin2 = Keys.ClientWith(again, await Keys.CreateAsync(again, NewsApi.Access.Roles.Admin));
        var twice = JsonDocument.Parse(await admin2.GetStringAsync($"{ArticlesUrl}/{id}")).RootElement;
        Assert.That(twice.GetProperty("canonicalUrl").GetString(), Is.EqualTo(article.GetProperty("canonicalUrl").GetString()));
    }
}
