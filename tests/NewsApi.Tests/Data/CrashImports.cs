using System.Net;
using System.Text;
using System.Text.Json;
using NewsApi.Tests.Imports;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Data;

/// <summary>The imports of the SIGKILL test: three WordPress exports (Hindi posts, percent-encoded Devanagari slugs)
/// POSTed one after another while the article writers run. The worker runs imports in turn, so when the kill lands the
/// small first one has finished, the large second one is part-way and the third is still waiting. After the restart
/// each has its job; the finished one's articles are all there as imported; what the cut one committed is whole and
/// there once; importing the cut and the waiting exports again leaves exactly one published article per post.</summary>
internal sealed class CrashImports : IDisposable
{
    private sealed class Export(string directory, string name, int first, int posts)
    {
        public string Site { get; } = $"https://{name}.example.com";

        public string Path { get; } = System.IO.Path.Combine(directory, name + ".xml");

        public IEnumerable<int> Posts => Enumerable.Range(first, posts);

        public int Items => posts * 2; // each post and its featured image

        /// <summary>From the 202's Location.</summary>
        public string Location { get; set; } = "";

        /// <summary>The job as last seen before the kill.</summary>
        public JsonElement Seen { get; set; }

        public string Status => Seen.ValueKind == JsonValueKind.Object ? Seen.GetProperty("status").GetString()! : "not seen";

        public long Count(string name) => Seen.ValueKind == JsonValueKind.Object ? Seen.GetProperty(name).GetInt64() : 0;
    }

    private readonly string _directory = Directory.CreateTempSubdirectory("newsapi-crash-imports-").FullName;
    private readonly Export _finished, _cut, _waiting;

    private IEnumerable<Export> Exports => [_finished, _cut, _waiting];

    public CrashImports()
    {
        (_finished, _cut, _waiting) = (new(_directory, "finished", 1, 20), new(_directory, "cut", 101, 600), new(_directory, "waiting", 1001, 10));
        foreach (var export in Exports) WxrGenerator.Write(export.Path, export.Posts.Count(), export.Posts.First(), export.Site);
        Directory.CreateDirectory(Path.Combine(_directory, "spool"));
    }

    /// <summary>For the service: uploads are spooled here, so the test can see that the restart sweeps the uploads the
    /// killed service left (the cut import's and the queued one's).</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Imports__SpoolDirectory"] = Path.Combine(_directory, "spool") };

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The uploads in the spool folder now.</summary>
    public IReadOnlyList<string> Uploads => [.. Directory.EnumerateFiles(Path.Combine(_directory, "spool"))];

    /// <summary>POSTs the three exports in order; each must be acknowledged with a 202 and a job to follow.</summary>
    public async Task PostAllAsync(HttpClient admin)
    {
        foreach (var export in Exports) export.Location = await Wxr.StartOverHttpAsync(admin, await File.ReadAllTextAsync(export.Path, Encoding.UTF8));
    }

    /// <summary>Polls the jobs until the first has succeeded and the second is running with articles written and at most
    /// half its items read; null then (kill at once), otherwise why not (it went past, or the deadline did). A job's
    /// counts are written about every second, so they may be a second behind: the other half of a 600-post export is
    /// the margin that keeps the import running until the kill (here it imports well under 100 posts a second).</summary>
    public async Task<string?> WaitUntilTheSecondIsPartWayAsync(HttpClient admin, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_finished.Status != "succeeded") _finished.Seen = await JobAsync(admin, _finished);
            _cut.Seen = await JobAsync(admin, _cut);
            if (_cut.Status != "running" || _cut.Count("processed") > _cut.Items / 2) break;
            if (_finished.Status == "succeeded" && _cut.Count("created") > 0)
            {
                TestContext.Out.WriteLine($"Killing with the second import at {_cut.Count("processed")} of {_cut.Items} items ({_cut.Count("created")} created)");
                return null;
            }
            await Task.Delay(25);
        }
        return $"the second import was not seen part-way: first {_finished.Seen}, second {_cut.Seen}";
    }

    /// <summary>Every acknowledged import has its job; the finished one's articles are as imported; what the cut one
    /// wrote is whole and single; the waiting one wrote nothing.</summary>
    public async Task AssertAfterTheRestartAsync(HttpClient admin)
    {
        Assert.That(Directory.EnumerateFiles(Path.Combine(_directory, "spool")), Is.Empty, "the restart swept the uploads the killed service left");
        var finished = await JobAsync(admin, _finished);
        var cut = await JobAsync(admin, _cut);
        var waiting = await JobAsync(admin, _waiting);
        var articles = await ByHeadlineAsync(admin);
        var written = _cut.Posts.Where(i => articles.ContainsKey(Headline(i))).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("succeeded"), $"{finished}");
            Assert.That(finished.GetProperty("created").GetInt64(), Is.EqualTo(_finished.Posts.Count()), $"{finished}");
            Assert.That(finished.GetProperty("errors").GetArrayLength(), Is.Zero, $"{finished}");
            foreach (var job in new[] { cut, waiting })
            {
                Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("failed"), $"interrupted by the kill: {job}");
                Assert.That(job.GetProperty("errors").EnumerateArray().Select(e => e.GetString()), Has.Some.Contains("Run the import again"), $"{job}");
                Assert.That(job.GetProperty("finishedAt").ValueKind, Is.EqualTo(JsonValueKind.String), $"{job}");
            }
            Assert.That(waiting.GetProperty("processed").GetInt64(), Is.Zero, $"never started: {waiting}");
            foreach (var i in _finished.Posts) AssertImported(articles, i, "published");
            Assert.That(_waiting.Posts.Where(i => articles.ContainsKey(Headline(i))), Is.Empty, "the waiting import wrote nothing");
            Assert.That(written, Is.Not.Empty, "the cut import had committed articles");
            Assert.That(written.Where(i => articles[Headline(i)].Count != 1), Is.Empty, "no post of the cut import twice");
        }
        TestContext.Out.WriteLine($"After the restart the cut import has {written.Count} articles, " +
            $"{written.Count(i => articles[Headline(i)][0].GetProperty("status").GetString() != "published")} not yet published");
        // Each article the cut import committed is whole: its own answer has the headline, all of the body, tags, section, image.
        foreach (var i in written)
        {
            var article = await GetAdminAsync(admin, articles[Headline(i)][0].GetProperty("id").GetInt64());
            Assert.That((article.GetProperty("headline").GetString(), article.GetProperty("slug").GetString()), Is.EqualTo((Headline(i), Slug(i))));
            Assert.That(article.GetProperty("body").GetProperty("html").GetString(), Does.Contain(WxrGenerator.LastParagraph(i)));
            Assert.That(article.GetProperty("tags").GetArrayLength(), Is.EqualTo(2));
            Assert.That(article.GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo($"section-{i % 10}"));
            Assert.That(article.GetProperty("image").GetProperty("url").GetString(), Is.EqualTo($"{_cut.Site}/wp-content/uploads/photo-{i}.jpg"));
        }
    }

    /// <summary>Imports the cut and the waiting exports again: both succeed, and every post of the three is exactly one
    /// published article, which its old address (the guid) redirects to.</summary>
    public async Task RunTheInterruptedAgainAsync(HttpClient admin)
    {
        foreach (var export in new[] { _cut, _waiting })
        {
            var job = await Wxr.ImportOverHttpAsync(admin, await File.ReadAllTextAsync(export.Path, Encoding.UTF8));
            Assert.That(job.GetProperty("status").GetString(), Is.EqualTo("succeeded"), $"{job}");
            Assert.That(job.GetProperty("errors").GetArrayLength(), Is.Zero, $"{job}");
        }
        var articles = await ByHeadlineAsync(admin);
        using (Assert.EnterMultipleScope())
        {
            foreach (var i in Exports.SelectMany(e => e.Posts)) AssertImported(articles, i, "published");
        }
        using var anonymous = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = admin.BaseAddress };
        foreach (var i in _cut.Posts)
        {
            using var redirect = await anonymous.GetAsync("/v1/redirects?url=" + Uri.EscapeDataString(WxrGenerator.GuidUrl(_cut.Site, i)));
            Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently), $"post {i}");
            Assert.That(redirect.Headers.Location?.ToString(), Is.EqualTo($"/v1/articles/{articles[Headline(i)][0].GetProperty("id").GetInt64()}"));
        }
    }

    private static void AssertImported(Dictionary<string, List<JsonElement>> articles, int i, string status)
    {
        var found = articles.GetValueOrDefault(Headline(i)) ?? [];
        Assert.That(found.Select(a => (a.GetProperty("slug").GetString(), a.GetProperty("status").GetString())).ToArray(), Is.EqualTo(new[] { (Slug(i), status) }),
            $"post {i} ({Headline(i)}): exactly one article, as imported");
    }

    private static string Headline(int i) => WxrGenerator.Headline(i).Normalize(NormalizationForm.FormC);

    private static string Slug(int i) => NewsApi.Imports.WxrContent.Slug(WxrGenerator.EncodedSlug(i))!;

    private static async Task<JsonElement> JobAsync(HttpClient admin, Export export)
    {
        using var response = await admin.GetAsync(export.Location);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"the job of {export.Site}");
        return await response.JsonAsync();
    }

    /// <summary>Every article of any status, by headline, through the admin list (all its pages).</summary>
    private static async Task<Dictionary<string, List<JsonElement>>> ByHeadlineAsync(HttpClient admin)
    {
        var all = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            using var response = await admin.GetAsync($"{ArticlesUrl}?limit=100" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var page = await response.JsonAsync();
            foreach (var article in page.GetProperty("items").EnumerateArray())
            {
                var headline = article.GetProperty("headline").GetString()!;
                if (!all.TryGetValue(headline, out var same)) all[headline] = same = [];
                same.Add(article.Clone());
            }
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return all;
    }
}
