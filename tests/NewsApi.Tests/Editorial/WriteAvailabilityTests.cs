using System.Diagnostics;
using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>One author's heavy request never stalls the newsroom: large bodies are worked on before the
/// write transaction opens, so other writers and keyed readers go on while they are being processed.</summary>
[TestFixture]
public sealed class WriteAvailabilityTests
{
    private NewsApiFactory _factory = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new NewsApiFactory(demoContent: true);
        await new TestContent(_factory).EnsureTaxonomyAsync();
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    /// <summary>About 1.4 MB of JSON, 9,000 elements: the heaviest body the limits accept, a second or more of
    /// sanitising, text and search preparation on a CI core.</summary>
    private static string HeavyBody() =>
        string.Concat(Enumerable.Range(0, 3_000).Select(i =>
            $"<p>किम ने <em>पुतिन</em> से फ़ोन पर बात की और क्षेत्रीय सुरक्षा पर चर्चा की, अनुच्छेद {i}। गाँव की सड़क पर बाढ़ का पानी है।</p><br>"));

    [Test]
    public async Task An_editor_writes_and_a_keyed_reader_reads_while_authors_heavy_bodies_are_processed()
    {
        using var author = Keys.ClientWith(_factory, await Keys.CreateAsync(_factory, "author", authorSlug: "ravi"));
        using var editor = Keys.ClientWith(_factory, await Keys.CreateAsync(_factory, "editor"));
        using var reader = Keys.ClientWith(_factory, await Keys.CreateAsync(_factory, "reader"));
        // Warm both paths, so the timings below measure waiting, not first-call compilation.
        using (var warm = await CreateAsync(editor, Article(Unique("गरम"))))
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using (var warm = await reader.GetAsync("/v1/articles/2"))
            Assert.That(warm.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var clock = Stopwatch.StartNew();
        var heavyDone = new List<TimeSpan>();
        var heavy = Enumerable.Range(0, 3).Select(async i =>
        {
            var article = Article(Unique($"भारी-लेख-{i}"));
            article["body"] = HeavyBody();
            using var response = await CreateAsync(author, article);
            lock (heavyDone) heavyDone.Add(clock.Elapsed);
            return response.StatusCode;
        }).ToList();
        await Task.Delay(300);

        var editorSent = clock.Elapsed;
        using var created = await CreateAsync(editor, Article(Unique("संपादक-की-ख़बर")));
        var editorDone = clock.Elapsed;
        var readerSent = clock.Elapsed;
        using var read = await reader.GetAsync("/v1/articles/2");
        var readerDone = clock.Elapsed;
        var heavyStatuses = await Task.WhenAll(heavy);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(heavyStatuses, Is.All.EqualTo(HttpStatusCode.Created));
            // Ordering: the editor and the reader were answered while the heavy writes were still going.
            Assert.That(readerDone, Is.LessThan(heavyDone.Max()), $"heavy writes done at {string.Join(", ", heavyDone)}");
            // Bounds generous enough for a loaded CI machine, far below the seconds a held lock costs.
            Assert.That(editorDone - editorSent, Is.LessThan(TimeSpan.FromSeconds(2)));
            Assert.That(readerDone - readerSent, Is.LessThan(TimeSpan.FromSeconds(1)));
        }
    }
}
