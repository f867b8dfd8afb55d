using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>Public answers are kept in memory; a committed write is visible on the next read, here at once and
/// in another instance sharing the database within a second; different queries never share an answer.</summary>
[TestFixture]
public sealed class AnswerCacheTests : ApiTestBase
{
    private long _first;
    private long _second;

    protected override async Task ArrangeAsync()
    {
        // Same section, same tag, an hour apart: each is the other's neighbour and related story.
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        _first = (await PublishedAsync(Editor, Article("बाढ़ से गाँव में तबाही", tags: ["बाढ़"]), at)).GetProperty("id").GetInt64();
        _second = (await PublishedAsync(Editor, Article("बाढ़ राहत शिविर खुले", tags: ["बाढ़"]), at.AddHours(1))).GetProperty("id").GetInt64();
    }

    private string[] ReadsShowingFirst() =>
    [
        $"/v1/articles/{_first}",
        "/v1/teasers?section=desh",
        "/v1/teasers?tag=" + Uri.EscapeDataString("बाढ़"),
        "/v1/articles?limit=5",
        "/v1/search?q=" + Uri.EscapeDataString("बाढ़"),
        $"/v1/articles/{_second}/related",
        $"/v1/articles/{_second}/adjacent",
    ];

    [Test]
    public async Task A_write_is_seen_by_the_next_read_of_every_answer_that_shows_it()
    {
        foreach (var path in ReadsShowingFirst())
        {
            // Twice: the second is answered from memory.
            Assert.That((await Public.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(await BodyAsync(await Public.GetAsync(path)), Does.Contain("बाढ़"), path);
        }
        var headline = "बाढ़ के बाद नुक़सान का आकलन " + Guid.NewGuid().ToString("N")[..6];
        using (var patched = await PatchAsync(Editor, _first, new { headline }, "*"))
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());

        foreach (var path in ReadsShowingFirst())
            Assert.That(await BodyAsync(await Public.GetAsync(path)), Does.Contain(headline), path);
    }

    [Test]
    public async Task An_answer_is_kept_until_the_content_clock_moves()
    {
        var own = (await PublishedAsync(Editor, Article("नदी का जलस्तर बढ़ा", section: "khel"), DateTimeOffset.UtcNow.AddDays(-30))).GetProperty("id").GetInt64();
        var path = $"/v1/articles/{own}?fields=headline";
        var before = await BodyAsync(await Public.GetAsync(path));
        // Behind the service's back: no write it knows of, so the kept answer still stands.
        await ExecuteAsync(Factory.DbPath, "UPDATE articles SET headline = 'सीधे बदला गया' WHERE id = @id", own);
        Assert.That(await BodyAsync(await Public.GetAsync(path)), Is.EqualTo(before), "served from memory");

        await TransitionOkAsync(Editor, _second, "unpublish");
        await TransitionOkAsync(Editor, _second, "publish");
        Assert.That(await BodyAsync(await Public.GetAsync(path)), Does.Contain("सीधे बदला गया"), "any committed change moves the generation");
    }

    [Test]
    public async Task Another_instance_on_the_same_database_sees_a_write_within_a_second()
    {
        using var other = new NewsApiFactory(demoContent: false, dbPath: Factory.DbPath);
        using var otherEditor = Keys.ClientWith(other, await Keys.CreateAsync(other, "editor"));
        var path = $"/v1/articles/{_second}";
        Assert.That((await Public.GetAsync(path)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var headline = "दूसरे सर्वर से बदला शीर्षक " + Guid.NewGuid().ToString("N")[..6];
        using (var patched = await PatchAsync(otherEditor, _second, new { headline }, "*"))
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await BodyAsync(await Public.GetAsync(path))).Contains(headline, StringComparison.Ordinal))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "still stale");
            await Task.Delay(50);
        }
        // The clock is reread once a second; the rest is this loop's and a loaded machine's slack.
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [TestCase("fields=headline", "fields=slug")]
    [TestCase("formats=text", "formats=html")]
    [TestCase("section=desh&limit=1", "section=khel&limit=1")]
    [TestCase("limit=1", "limit=2")]
    public async Task Different_queries_never_share_an_answer(string one, string another)
    {
        var base_ = one.StartsWith("fields", StringComparison.Ordinal) || one.StartsWith("formats", StringComparison.Ordinal)
            ? $"/v1/articles/{_first}?" : "/v1/teasers?";
        var a = await BodyAsync(await Public.GetAsync(base_ + one));
        var b = await BodyAsync(await Public.GetAsync(base_ + another));
        Assert.That(b, Is.Not.EqualTo(a));
        Assert.That(await BodyAsync(await Public.GetAsync(base_ + one)), Is.EqualTo(a));
    }

    [Test]
    public async Task A_cursor_names_its_own_page()
    {
        var first = await (await Public.GetAsync("/v1/teasers?limit=1")).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString()!;
        var next = await (await Public.GetAsync("/v1/teasers?limit=1&cursor=" + Uri.EscapeDataString(cursor))).JsonAsync();
        Assert.That(next.GetProperty("items")[0].GetProperty("id").GetInt64(),
            Is.Not.EqualTo(first.GetProperty("items")[0].GetProperty("id").GetInt64()));
    }

    [Test]
    public async Task A_revalidation_is_answered_304_from_memory_and_200_after_a_change()
    {
        var path = $"/v1/articles/{_first}?fields=id,slug";
        using var first = await Public.GetAsync(path);
        var etag = first.Headers.ETag!;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.IfNoneMatch.Add(etag);
            using var revalidated = await Public.SendAsync(request);
            Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
            Assert.That(revalidated.Headers.ETag, Is.EqualTo(etag));
            Assert.That(await revalidated.Content.ReadAsByteArrayAsync(), Is.Empty);
        }
        using (var patched = await PatchAsync(Editor, _first, new { slug = "baadh-" + Guid.NewGuid().ToString("N")[..6] }, "*"))
            Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var changed = new HttpRequestMessage(HttpMethod.Get, path);
        changed.Headers.IfNoneMatch.Add(etag);
        using var answer = await Public.SendAsync(changed);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Headers.ETag, Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task A_kept_answer_is_sent_with_its_length_and_headers()
    {
        var path = "/v1/teasers?limit=1";
        using var built = await Public.GetAsync(path);
        using var kept = await Public.GetAsync(path);
        var body = await kept.Content.ReadAsByteArrayAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(kept.Content.Headers.ContentLength, Is.EqualTo(body.Length));
            Assert.That(kept.Headers.ETag, Is.EqualTo(built.Headers.ETag));
            Assert.That(kept.Content.Headers.LastModified, Is.EqualTo(built.Content.Headers.LastModified));
            Assert.That(kept.Headers.CacheControl?.Public, Is.True);
            Assert.That(kept.Headers.GetValues("Surrogate-Key"), Is.EqualTo(built.Headers.GetValues("Surrogate-Key")));
            Assert.That(kept.Headers.GetValues("Link"), Is.EqualTo(built.Headers.GetValues("Link")), "the next page's link");
            Assert.That(body, Is.EqualTo(await built.Content.ReadAsByteArrayAsync()));
        }
    }

    [TestCase("br")]
    [TestCase("gzip")]
    public async Task Compressed_and_plain_answers_are_kept_apart(string encoding)
    {
        var path = $"/v1/articles/{_first}";
        for (var i = 0; i < 2; i++)
        {
            using var compressed = new HttpRequestMessage(HttpMethod.Get, path);
            compressed.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var zipped = await Public.SendAsync(compressed);
            Assert.That(zipped.Content.Headers.ContentEncoding, Is.EqualTo(new[] { encoding }));
            Assert.That(zipped.Headers.Vary, Does.Contain("Accept-Encoding"));
            var plain = await Public.GetAsync(path);
            Assert.That(plain.Content.Headers.ContentEncoding, Is.Empty);
            var unzipped = await Decompress(encoding, await zipped.Content.ReadAsByteArrayAsync());
            Assert.That(unzipped, Is.EqualTo(await plain.Content.ReadAsStringAsync()));
        }
    }

    private static async Task ExecuteAsync(string dbPath, string sql, long id)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@id", id);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private static async Task<string> Decompress(string encoding, byte[] bytes)
    {
        await using Stream stream = encoding == "br"
            ? new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    [TestFixture]
    public sealed class KeyRequired : ApiTestBase
    {
        protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["ContentApi:RequireKey"] = "true";

        [Test]
        public async Task With_keys_required_answers_are_never_kept()
        {
            var id = (await PublishedAsync(Editor, Article("चुनाव की तैयारी"), DateTimeOffset.UtcNow.AddHours(-1))).GetProperty("id").GetInt64();
            using var reader = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "reader"));
            using var other = Keys.ClientWith(Factory, await Keys.CreateAsync(Factory, "reader"));
            var path = $"/v1/articles/{id}?fields=headline";
            using var first = await reader.GetAsync(path);
            Assert.That(first.Headers.CacheControl?.NoStore, Is.True);
            await ExecuteAsync(Factory.DbPath, "UPDATE articles SET headline = 'सीधे बदला गया' WHERE id = @id", id);
            Assert.That(await BodyAsync(await other.GetAsync(path)), Does.Contain("सीधे बदला गया"), "built for this key, not kept for another");
        }
    }
}
