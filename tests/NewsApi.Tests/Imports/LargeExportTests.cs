using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Imports;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Imports;

/// <summary>A generated export imports with memory that stays flat: the file is streamed, one item at a time. CI runs
/// 1,000 posts; the 20,000-post run when asked for (README, "Coming from WordPress", has its figures):
/// <c>WXR_SCALE=1 dotnet test --filter FullyQualifiedName~LargeExportTests</c>.</summary>
[TestFixture]
public sealed class LargeExportTests : ApiTestBase
{
    protected override bool ServicePerTest => true;

    protected override Contents StartWith => Contents.None;

    /// <summary>1,000 posts always; 20,000 too with <c>WXR_SCALE=1</c> (about ten minutes on a 2-core machine). A case
    /// that only exists when asked for, rather than an [Explicit] one, so CI counts no skipped test.</summary>
    public static IEnumerable<int> Sizes()
    {
        yield return 1_000;
        if (Environment.GetEnvironmentVariable("WXR_SCALE") == "1") yield return 20_000;
    }

    [TestCaseSource(nameof(Sizes))]
    public Task Posts_import_with_flat_memory(int posts) => ImportAsync(posts);

    private async Task ImportAsync(int posts)
    {
        var path = Environment.GetEnvironmentVariable("WXR_SCALE_FILE") ?? Path.Combine(Path.GetTempPath(), $"wxr-large-{Guid.NewGuid():N}.xml");
        WxrGenerator.Write(path, posts);
        var fileBytes = new FileInfo(path).Length;
        try
        {
            var importer = Factory.Services.GetRequiredService<WxrImporter>();
            var heap = new List<(long Done, long Bytes)>();
            var step = Math.Max(1, posts * 2 / 5);
            var watch = Stopwatch.StartNew();
            var summary = await importer.ImportAsync(path, new ImportSummary(), new InlineProgress<ImportProgress>(p =>
            {
                // Live managed memory after a full collection, at each fifth of the items: what the import holds on to.
                if (p.Phase == "importing" && p.Done % step == 0) heap.Add((p.Done, GC.GetTotalMemory(forceFullCollection: true)));
            }), CancellationToken.None);
            watch.Stop();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64;
            TestContext.Out.WriteLine($"{posts} posts ({fileBytes / 1024 / 1024} MB): {watch.Elapsed.TotalSeconds:0.0} s, " +
                $"{posts / watch.Elapsed.TotalSeconds:0} posts/s, peak working set of the test process {peak / 1024 / 1024} MB, " +
                $"live heap at each fifth: {string.Join(", ", heap.Select(h => $"{h.Done}: {h.Bytes / 1024 / 1024} MB"))}");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(summary.Created, Is.EqualTo(posts));
                Assert.That(summary.Images, Is.EqualTo(posts));
                Assert.That(summary.Errors, Is.Empty);
                Assert.That(heap, Has.Count.GreaterThanOrEqualTo(4));
                // Flat: what is live at the end is what was live a fifth of the way in, give or take caches (prepared
                // statements, the answer cache) and the attachments index (a few bytes per image).
                Assert.That(heap[^1].Bytes - heap[0].Bytes, Is.LessThan(40L * 1024 * 1024));
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("WXR_SCALE_FILE") is null) File.Delete(path);
        }
    }
}
