using System.Net;
using System.Text;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>A file that is not a WordPress export, or is cut short, imports nothing and says where and what was expected;
/// over HTTP it is never a 5xx.</summary>
[TestFixture]
public sealed class BrokenExportTests : ApiTestBase
{
    protected override Contents StartWith => Contents.None;

    private static string Truncated => Wxr.Fixture[..(Wxr.Fixture.IndexOf("<wp:post_id>102", StringComparison.Ordinal) + 20)];

    private const string PlainRss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0">
        <channel>
          <title>किसी और की फ़ीड</title>
          <link>https://example.com</link>
          <item><title>एक ख़बर</title><link>https://example.com/a</link></item>
        </channel>
        </rss>
        """;

    private const string DtdBomb = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version><title>&lol3;</title></channel></rss>
        """;

    private static readonly Dictionary<string, (string Content, string Expected)> Broken = new()
    {
        ["truncated"] = (Truncated, "ends too early"),
        ["plain RSS"] = (PlainRss, "not a WordPress export"),
        ["empty"] = ("", "the file is empty"),
        ["not XML"] = ("{\"posts\": []}", "not well-formed XML"),
        ["DTD bomb"] = (DtdBomb, "declares a DTD"),
        ["not RSS"] = ("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>", "expected <rss>"),
    };

    public static IEnumerable<string> BrokenNames => Broken.Keys;

    [TestCaseSource(nameof(BrokenNames))]
    public async Task The_command_refuses_it_naming_line_and_column_and_writes_nothing(string name)
    {
        var (content, expected) = Broken[name];
        var (exit, output) = await Wxr.CommandAsync(Factory, content);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain(expected));
            if (name != "empty") Assert.That(output, Does.Match(@"Line \d+, column \d+"));
            Assert.That(output, Does.Contain("Nothing was imported."));
        }
        await AssertNothingWrittenAsync();
    }

    [TestCaseSource(nameof(BrokenNames))]
    public async Task Over_HTTP_the_job_fails_with_the_same_error_and_nothing_is_written(string name)
    {
        var (content, expected) = Broken[name];
        if (content.Length == 0)
        {
            using var empty = await Admin.PostAsync("/v1/admin/imports", new StringContent("", Encoding.UTF8, "application/xml"));
            await empty.AssertProblemAsync(400);
            return;
        }
        var job = await Wxr.ImportOverHttpAsync(Admin, content);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(job.GetProperty("errors")[0].GetString(), Does.Contain(expected));
            Assert.That(job.GetProperty("created").GetInt64(), Is.Zero);
            Assert.That(job.GetProperty("finishedAt").ValueKind, Is.Not.EqualTo(System.Text.Json.JsonValueKind.Null));
        }
        await AssertNothingWrittenAsync();
    }

    [Test]
    public async Task An_export_without_items_succeeds_with_an_empty_summary()
    {
        var header = Wxr.Fixture[..Wxr.Fixture.IndexOf("<wp:author>", StringComparison.Ordinal)] + "</channel></rss>";
        var (exit, output) = await Wxr.CommandAsync(Factory, header);
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("items read       0"));
        var job = await Wxr.ImportOverHttpAsync(Admin, header);
        Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(job.GetProperty("processed").GetInt64(), Is.Zero);
        await AssertNothingWrittenAsync();
    }

    [Test]
    public async Task Another_content_type_is_415()
    {
        using var response = await Admin.PostAsync("/v1/admin/imports", new StringContent(Wxr.Fixture, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(415);
    }

    private async Task AssertNothingWrittenAsync()
    {
        Assert.That(await Wxr.AllArticlesAsync(Editor), Is.Empty);
        using var sections = await Editor.GetAsync("/v1/sections");
        Assert.That((await sections.JsonAsync()).GetProperty("items").GetArrayLength(), Is.Zero);
    }
}
