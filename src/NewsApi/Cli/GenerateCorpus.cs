using System.Diagnostics;
using System.Globalization;
using NewsApi.Data;
using NewsApi.Demo;
using NewsApi.Search;
using NewsApi.Text;

namespace NewsApi.Cli;

/// <summary><c>generate-corpus --articles N [--seed S]</c>: synthetic published Hindi articles for
/// benchmarks, written straight to the tables (and the search index) in one transaction. Words come
/// from the seed page with a Zipf-like spread, tags from a long tail, 30 sections, 3 years of dates
/// increasing with id, as a real archive's are, and a few rare words (GenerateCorpus.RareWords.cs).</summary>
public static partial class GenerateCorpus
{
    private static readonly string[] TopSections = ["desh", "videsh", "khel", "vyapar", "manoranjan", "rajneeti", "vigyan", "swasthya", "shiksha", "mausam"];
    private static readonly string[] TopNames = ["देश", "विदेश", "खेल", "व्यापार", "मनोरंजन", "राजनीति", "विज्ञान", "स्वास्थ्य", "शिक्षा", "मौसम"];
    private static readonly (string Slug, string Name)[] Sources = [("ians", "आईएएनएस"), ("pti", "पीटीआई"), ("ani", "एएनआई"), ("uni", "यूएनआई"), ("staff", "संवाददाता")];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var i = Array.IndexOf(args, "--articles");
        if (i < 0 || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var count) || count < 1 || count > 5_000_000)
        {
            await Console.Error.WriteLineAsync("usage: generate-corpus --articles <1..5000000> [--seed <int>]");
            return 2;
        }
        var s = Array.IndexOf(args, "--seed");
        var seed = s >= 0 && s + 1 < args.Length ? int.Parse(args[s + 1], CultureInfo.InvariantCulture) : 42;
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var watch = Stopwatch.StartNew();
        try
        {
            await GenerateAsync(services.GetRequiredService<Db>(), count, seed, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        await output.WriteLineAsync($"Generated {count} articles in {watch.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    public static async Task GenerateAsync(Db db, int count, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var page = DemoContent.Read<DemoContent.SeedPage>("news-page.json");
        var headlineWords = Words(page.Teasers.Select(t => t.Headline).Append(page.Article.Headline).Append(page.Previous.Headline).Append(page.Next.Headline));
        var bodyWords = Words(page.Article.Body.Concat(page.Teasers.Select(t => t.Excerpt)));
        var headlinePicker = new Zipf(headlineWords.Count, 0.9);
        var bodyPicker = new Zipf(bodyWords.Count, 1.0);

        await using var load = await BulkArticleLoader.BeginAsync(db, ct);
        var sectionIds = await SectionsAsync(load, ct);
        var tagIds = await TagsAsync(load, random, headlineWords, page.Article.Tags, ct);
        var authorIds = new List<long>();
        for (var n = 1; n <= 40; n++) authorIds.Add(await load.EnsureAuthorAsync($"lekhak-{n}", $"लेखक {n}", ct));
        var sourceIds = new List<long>();
        foreach (var (slug, name) in Sources) sourceIds.Add(await load.EnsureSourceAsync(slug, name, ct));
        var tagPicker = new Zipf(tagIds.Count, 1.1);
        var firstId = load.NextArticleId;
        var rare = RarePlacements(seed, count, headlineWords.Concat(bodyWords).ToHashSet(StringComparer.Ordinal));

        var start = DateTimeOffset.UtcNow.AddYears(-3);
        var span = (DateTimeOffset.UtcNow - start).TotalSeconds;
        // Articles are composed on all cores (each from its own seeded Random, so the corpus is the
        // same every run) and written in order by the loader's one connection.
        const int batch = 2000;
        var composed = new BulkArticle[batch];
        for (var from = 0; from < count; from += batch)
        {
            ct.ThrowIfCancellationRequested();
            var size = Math.Min(batch, count - from);
            Parallel.For(0, size, k =>
            {
                var n = from + k;
                var r = new Random(ArticleSeed(seed, n));
                var headline = Sentence(r, headlineWords, headlinePicker, 7 + r.Next(6), end: "");
                var paragraphs = Enumerable.Range(0, 4 + r.Next(3))
                    .Select(_ => string.Join(' ', Enumerable.Range(0, 2).Select(_ => Sentence(r, bodyWords, bodyPicker, 8 + r.Next(7), end: "।"))))
                    .ToList();
                if (rare.TryGetValue(n, out var rareWords)) paragraphs[0] = WithRareWords(paragraphs[0], rareWords);
                var text = string.Join("\n\n", paragraphs);
                var excerpt = Excerpt.From(text);
                var id = firstId + n;
                var at = start.AddSeconds(span * n / count + r.Next(60));
                // The draws below keep their order (dateline, section, source, author, tags): it is the corpus.
                composed[k] = new BulkArticle(id, Slug.WithSuffix(Slug.From(headline), (int)id), headline, excerpt,
                    BodyHtml: BodyHtml.FromParagraphs(paragraphs), BodyText: text,
                    Dateline: headlineWords[r.Next(headlineWords.Count)],
                    SectionId: sectionIds[r.Next(sectionIds.Count)], SourceId: sourceIds[r.Next(sourceIds.Count)],
                    PublishedAt: DbTime.ToText(at), ReadingMinutes: ReadingTime.Minutes(text),
                    AuthorId: authorIds[r.Next(authorIds.Count)],
                    TagIds: Enumerable.Range(0, 2 + r.Next(5)).Select(_ => tagIds[tagPicker.Next(r)]).ToArray(),
                    Search: SearchIndex.Document(id, at, headline, "", text));
            });
            for (var k = 0; k < size; k++) load.Add(composed[k]);
        }
        await load.CommitAsync(ct);
    }

    /// <summary>Article n's own seed. Not HashCode.Combine: that is randomised per process, so the same --seed
    /// gave a different corpus every run. A SplitMix64 finaliser spreads neighbouring n apart.</summary>
    private static int ArticleSeed(int seed, int n)
    {
        var x = unchecked(((ulong)(uint)seed << 32 | (uint)n) + 0x9E3779B97F4A7C15UL);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(x ^ (x >> 31)));
    }

    private static List<string> Words(IEnumerable<string> texts) =>
        texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('।', ',', '‘', '’', '“', '”', '"', '\'', '(', ')', ':', '-', '.'))
            .Where(w => w.Length > 0)
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

    private static string Sentence(Random random, List<string> words, Zipf picker, int length, string end) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => words[picker.Next(random)])) + end;

    private static async Task<List<long>> SectionsAsync(BulkArticleLoader load, CancellationToken ct)
    {
        var ids = new List<long>();
        for (var t = 0; t < TopSections.Length; t++)
        {
            var parent = await load.EnsureSectionAsync(TopSections[t], TopNames[t], null, ct);
            ids.Add(parent);
            for (var c = 1; c <= 2; c++)
                ids.Add(await load.EnsureSectionAsync($"{TopSections[t]}-{c}", $"{TopNames[t]} {c}", parent, ct));
        }
        return ids;
    }

    private static async Task<List<long>> TagsAsync(BulkArticleLoader load, Random random, List<string> words, List<string> seedTags, CancellationToken ct)
    {
        var names = new List<string>(seedTags);
        while (names.Count < 3000) names.Add(words[random.Next(words.Count)] + " " + words[random.Next(words.Count)]);
        var ids = new List<long>();
        foreach (var name in names.Distinct())
            ids.Add(await load.EnsureTagAsync(Slug.From(name), name, ct));
        return ids;
    }

    /// <summary>Ranks drawn with probability ∝ 1 / rank^s: a few very common items and a long tail.</summary>
    private sealed class Zipf
    {
        private readonly double[] _cumulative;

        public Zipf(int n, double s)
        {
            _cumulative = new double[n];
            var sum = 0.0;
            for (var r = 0; r < n; r++) _cumulative[r] = sum += 1 / Math.Pow(r + 1, s);
            for (var r = 0; r < n; r++) _cumulative[r] /= sum;
        }

        public int Next(Random random)
        {
            var i = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(i < 0 ? ~i : i, _cumulative.Length - 1);
        }
    }
}
