using System.Net.Http.Json;
using System.Net;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>Importing the same site again updates instead of duplicating, finishes what a stopped import left half done,
/// and never overwrites an edit made in NewsApi.</summary>
[TestFixture]
public sealed class ReimportTests : ApiTestBase
{
    protected override bool ServicePerTest => true;

    protected override Contents StartWith => Contents.None;

    [Test]
    public async Task Running_it_twice_changes_nothing_the_second_time()
    {
        Assert.That((await Wxr.CommandOnFileAsync(Factory, Wxr.FixturePath)).Exit, Is.Zero);
        var before = await Wxr.AllArticlesAsync(Editor);
        var (exit, output) = await Wxr.CommandOnFileAsync(Factory, Wxr.FixturePath);
        Assert.That(exit, Is.Zero, output);
        var after = await Wxr.AllArticlesAsync(Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output, Does.Contain("articles created 0"));
            Assert.That(output, Does.Contain("articles updated 0"));
            Assert.That(output, Does.Contain("     5  unchanged since the last import"));
            Assert.That(output, Does.Contain("sections created 0, tags created 0, authors created 0"));
            Assert.That(after.Select(a => (a.GetProperty("id").GetInt64(), a.GetProperty("version").GetInt64(), a.GetProperty("slug").GetString())),
                Is.EqualTo(before.Select(a => (a.GetProperty("id").GetInt64(), a.GetProperty("version").GetInt64(), a.GetProperty("slug").GetString()))));
        }
    }

    [Test]
    public async Task A_changed_post_is_updated_and_an_article_edited_in_NewsApi_survives_and_is_reported()
    {
        Assert.That((await Wxr.CommandOnFileAsync(Factory, Wxr.FixturePath)).Exit, Is.Zero);
        var articles = await Wxr.AllArticlesAsync(Editor);
        var edited = Wxr.ByHeadline(articles, "फ़ोन".Normalize(System.Text.NormalizationForm.FormC));
        var editedId = edited.GetProperty("id").GetInt64();
        using (var patch = await EditorialHttp.PatchAsync(Editor, editedId, new { headline = "संपादक का शीर्षक" }, EditorialHttp.ETag(edited.GetProperty("version").GetInt64())))
            Assert.That(patch.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // WordPress changed both posts since the first export.
        var changed = Wxr.Fixture
            .Replace("फ़ोन पर बातचीत में किम", "बदला हुआ शीर्षक: फ़ोन पर बातचीत में किम", StringComparison.Ordinal)
            .Replace("Classic story: बारिश से शहर बेहाल", "Classic story: बारिश से शहर बेहाल, स्कूल बंद", StringComparison.Ordinal);
        var (exit, output) = await Wxr.CommandAsync(Factory, changed);
        Assert.That(exit, Is.Zero, output);
        var after = await Wxr.AllArticlesAsync(Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(output, Does.Contain("articles created 0"));
            Assert.That(output, Does.Contain("articles updated 1"));
            Assert.That(output, Does.Contain("     1  edited in NewsApi since the last import"));
            Assert.That(after, Has.Count.EqualTo(5));
            Assert.That(after.Single(a => a.GetProperty("id").GetInt64() == editedId).GetProperty("headline").GetString(), Is.EqualTo("संपादक का शीर्षक"));
            var classic = Wxr.ByHeadline(after, "Classic");
            Assert.That(classic.GetProperty("headline").GetString(), Is.EqualTo("Classic story: बारिश से शहर बेहाल, स्कूल बंद"));
            Assert.That(classic.GetProperty("slug").GetString(), Is.EqualTo("classic-story"), "the slug stays");
            Assert.That(classic.GetProperty("status").GetString(), Is.EqualTo("published"));
        }
    }

    [Test]
    public async Task An_article_whose_publication_a_stop_cut_off_is_published_when_the_import_runs_again()
    {
        // The stop lands between an article's two transactions: its draft (with its origin) is written, its
        // publication is not — as a SIGKILL there leaves it; a trigger makes the publication fail at that point.
        await ExecuteAsync("CREATE TRIGGER stop_before_publishing BEFORE UPDATE OF status ON articles WHEN NEW.status = 'published' " +
            "BEGIN SELECT RAISE(ABORT, 'the service stopped here'); END");
        var stopped = await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture);
        Assert.That(stopped.GetProperty("status").GetString(), Is.EqualTo("failed"), stopped.ToString());
        var left = Wxr.ByHeadline(await Wxr.AllArticlesAsync(Editor), "फ़ोन".Normalize(System.Text.NormalizationForm.FormC));
        Assert.That(left.GetProperty("status").GetString(), Is.EqualTo("draft"));
        await ExecuteAsync("DROP TRIGGER stop_before_publishing");

        var again = await Wxr.ImportOverHttpAsync(Admin, Wxr.Fixture);
        Assert.That(again.GetProperty("status").GetString(), Is.EqualTo("succeeded"), again.ToString());
        var after = await Wxr.AllArticlesAsync(Editor);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after, Has.Count.EqualTo(5), "no post imported twice");
            var resumed = after.Single(a => a.GetProperty("id").GetInt64() == left.GetProperty("id").GetInt64());
            Assert.That(resumed.GetProperty("status").GetString(), Is.EqualTo("published"), "the post is published in WordPress");
        }
    }

    [Test]
    public async Task A_dry_run_reports_without_writing()
    {
        var (exit, output) = await Wxr.CommandOnFileAsync(Factory, Wxr.FixturePath, "--dry-run");
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("Dry run"));
        Assert.That(output, Does.Contain("articles created 5"));
        Assert.That(output, Does.Contain("sections created 5, tags created 2, authors created 2"));
        Assert.That(await Wxr.AllArticlesAsync(Editor), Is.Empty);
    }

    [Test]
    public async Task A_slug_another_article_has_gets_the_usual_suffix()
    {
        Assert.That((await Wxr.CommandAsync(Factory, Wxr.Fixture.Replace("<wp:post_name><![CDATA[market]]>", "<wp:post_name><![CDATA[classic-story]]>", StringComparison.Ordinal))).Exit, Is.Zero);
        var articles = await Wxr.AllArticlesAsync(Editor);
        Assert.That(Wxr.ByHeadline(articles, "शेयर").GetProperty("slug").GetString(), Is.EqualTo("classic-story-2"));
    }

    [Test]
    public async Task A_slug_that_could_pass_for_another_articles_gets_the_usual_suffix_too()
    {
        // wor1d (digit one) has the confusable skeleton of world: the second post would pass for the first.
        var (exit, output) = await Wxr.CommandAsync(Factory, Wxr.Fixture.Replace("<wp:post_name><![CDATA[market]]>", "<wp:post_name><![CDATA[wor1d-cup-schedule]]>", StringComparison.Ordinal));

        Assert.That(exit, Is.Zero, output);
        var articles = await Wxr.AllArticlesAsync(Editor);
        Assert.That(Wxr.ByHeadline(articles, "शेयर").GetProperty("slug").GetString(), Is.EqualTo("wor1d-cup-schedule-2"));
        Assert.That(articles.Select(a => a.GetProperty("slug").GetString()), Does.Contain("world-cup-schedule"));
        // Imported again, it keeps its suffixed slug instead of being refused or renamed.
        Assert.That((await Wxr.CommandAsync(Factory, Wxr.Fixture.Replace("<wp:post_name><![CDATA[market]]>", "<wp:post_name><![CDATA[wor1d-cup-schedule]]>", StringComparison.Ordinal))).Exit, Is.Zero);
        Assert.That(Wxr.ByHeadline(await Wxr.AllArticlesAsync(Editor), "शेयर").GetProperty("slug").GetString(), Is.EqualTo("wor1d-cup-schedule-2"));
    }

    [Test]
    public async Task The_command_fills_in_missing_skeletons_before_it_compares_with_them()
    {
        // m looks like rn: "rnarket" is stored first; then, as on a database upgraded to migration 0009 that no server
        // has started on since, its skeleton is missing.
        Assert.That((await Wxr.CommandAsync(Factory, Wxr.Fixture.Replace("<wp:post_name><![CDATA[market]]>", "<wp:post_name><![CDATA[rnarket]]>", StringComparison.Ordinal))).Exit, Is.Zero);
        await ExecuteAsync("UPDATE articles SET slug_skeleton = NULL; UPDATE article_old_slugs SET slug_skeleton = NULL;");
        // Another post, slug "market": the command must compare it with "rnarket" as a server would.
        var other = Wxr.Fixture.Replace("https://khabar.example.com/?p=108", "https://khabar.example.com/?p=208", StringComparison.Ordinal)
            .Replace("<wp:post_id>108</wp:post_id>", "<wp:post_id>208</wp:post_id>", StringComparison.Ordinal)
            .Replace("https://khabar.example.com/2025/08/11/market/", "https://khabar.example.com/2025/08/12/market/", StringComparison.Ordinal)
            .Replace("शेयर बाज़ार में तेज़ी", "दूसरे दिन शेयर बाज़ार में तेज़ी", StringComparison.Ordinal);

        var (exit, output) = await Wxr.CommandAsync(Factory, other);

        Assert.That(exit, Is.Zero, output);
        Assert.That(Wxr.ByHeadline(await Wxr.AllArticlesAsync(Editor), "दूसरे दिन").GetProperty("slug").GetString(), Is.EqualTo("market-2"));
    }

    [Test]
    public async Task A_tag_that_would_look_like_a_stored_one_is_not_created_and_its_posts_are_reported()
    {
        // m looks like rn: the export's kim-jong-un would pass for a stored kirn-jong-un.
        using (var tag = await Admin.PostAsJsonAsync("/v1/admin/tags", new { slug = "kirn-jong-un", name = "किम जोंग उन" }, NewsApiFactory.Json))
            Assert.That((int)tag.StatusCode, Is.EqualTo(201), await tag.Content.ReadAsStringAsync());

        var (exit, output) = await Wxr.CommandAsync(Factory, Wxr.Fixture);

        Assert.That(output, Does.Contain("was not imported: A tag could pass for another")
            .And.Contain("The tag 'kim-jong-un' would get the slug 'kim-jong-un', which could pass for the tag 'kirn-jong-un'"), output);
        // Refused posts are listed in the summary; the command still ends 0, as the rest of the export came over.
        Assert.That(exit, Is.Zero);
        // The other posts came over; the refused one can be imported again once the tag is sorted out.
        Assert.That((await Wxr.AllArticlesAsync(Editor)).Count, Is.EqualTo(4));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Factory.DbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
