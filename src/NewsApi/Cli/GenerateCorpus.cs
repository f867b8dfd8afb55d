using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using NewsApi.Data;
using NewsApi.Demo;
using NewsApi.Search;
using NewsApi.Text;

namespace NewsApi.Cli;

/// <summary><c>generate-corpus --articles N [--seed S]</c>: synthetic published Hindi articles for
/// benchmarks, written straight to the tables (and the search index) in one transaction. Words come
/// from the seed page with a Zipf-like spread, tags from a long tail, 30 sections, 3 years of dates
/// increasing with id, as a real archive's are.</summary>
public static class GenerateCorpus
{
    private static readonly string[] TopSections = ["desh", "videsh", "khel", "vyapar", "manoranjan", "rajneeti", "vigyan", "swasthya", "shiksha", "mausam"];
    private static readonly string[] TopNames = ["देश", "विदेश", "खेल", "व्यापार", "मनोरंजन", "राजनीति", "विज्ञान", "स्वास्थ्य", "शिक्षा", "मौसम"];

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

        await using var connection = await db.OpenAsync(ct);
        // A bulk load of synthetic data: a big page cache helps FTS5 merge its segments, and there is
        // nothing to lose on a crash mid-way (the transaction simply never commits).
        // Writing through the WAL would write the whole corpus twice (log, then checkpoint).
        await connection.ExecuteAsync("PRAGMA cache_size = -262144; PRAGMA synchronous = OFF;");
        await LeaveWalAsync(connection, db.DataSource, ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var now = DbTime.ToText(DateTimeOffset.UtcNow);
        var sectionIds = await SectionsAsync(connection, tx, now);
        var tagIds = await TagsAsync(connection, tx, random, headlineWords, page.Article.Tags, now);
        var authorIds = await NamedAsync(connection, tx, "authors", Enumerable.Range(1, 40).Select(n => ($"lekhak-{n}", $"लेखक {n}")), now);
        var sourceIds = await NamedAsync(connection, tx, "sources", [("ians", "आईएएनएस"), ("pti", "पीटीआई"), ("ani", "एएनआई"), ("uni", "यूएनआई"), ("staff", "संवाददाता")], now);
        var tagPicker = new Zipf(tagIds.Count, 1.1);
        var firstId = (await connection.ExecuteScalarAsync<long?>("SELECT max(id) FROM articles", transaction: tx) ?? 0) + 1;

        var insertArticle = Command(connection, tx, """
            INSERT INTO articles (id, slug, headline, excerpt, body_html, body_text, dateline, section_id, source_id, language, status,
                published_at, reading_time_minutes, syndication_allowed, version, created_at, updated_at)
            VALUES ($id, $slug, $headline, $excerpt, $html, $text, $dateline, $section, $source, 'hi', 'published', $at, $minutes, 1, 1, $at, $at)
            """, "$id", "$slug", "$headline", "$excerpt", "$html", "$text", "$dateline", "$section", "$source", "$at", "$minutes");
        var insertTag = Command(connection, tx, "INSERT OR IGNORE INTO article_tags (article_id, tag_id, position) VALUES ($a, $t, $p)", "$a", "$t", "$p");
        var insertAuthor = Command(connection, tx, "INSERT INTO article_authors (article_id, author_id, position) VALUES ($a, $u, 0)", "$a", "$u");
        var insertSearch = Command(connection, tx, """
            INSERT INTO article_search (rowid, published_at, headline, excerpt, body, roman_headline, roman_text) VALUES ($id, $p, $h, $e, $b, $rh, $rt)
            """, "$id", "$p", "$h", "$e", "$b", "$rh", "$rt");

        var start = DateTimeOffset.UtcNow.AddYears(-3);
        var span = (DateTimeOffset.UtcNow - start).TotalSeconds;
        // Articles are composed on all cores (each from its own seeded Random, so the corpus is the
        // same every run) and written in order by this one connection.
        const int batch = 2000;
        var generated = new Generated[batch];
        for (var from = 0; from < count; from += batch)
        {
            var size = Math.Min(batch, count - from);
            Parallel.For(0, size, k =>
            {
                var n = from + k;
                var r = new Random(HashCode.Combine(seed, n));
                var headline = Sentence(r, headlineWords, headlinePicker, 7 + r.Next(6), end: "");
                var paragraphs = Enumerable.Range(0, 4 + r.Next(3))
                    .Select(_ => string.Join(' ', Enumerable.Range(0, 2).Select(_ => Sentence(r, bodyWords, bodyPicker, 8 + r.Next(7), end: "।"))))
                    .ToList();
                var text = string.Join("\n\n", paragraphs);
                var excerpt = Excerpt.From(text);
                var id = firstId + n;
                var at = start.AddSeconds(span * n / count + r.Next(60));
                generated[k] = new Generated(id, headline, excerpt, paragraphs, text, at,
                    headlineWords[r.Next(headlineWords.Count)], sectionIds[r.Next(sectionIds.Count)], sourceIds[r.Next(sourceIds.Count)],
                    authorIds[r.Next(authorIds.Count)], Enumerable.Range(0, 2 + r.Next(5)).Select(_ => tagIds[tagPicker.Next(r)]).ToArray(),
                    SearchIndex.Document(id, at, headline, "", text));
            });
            for (var k = 0; k < size; k++)
            {
                var g = generated[k];
                Run(insertArticle, g.Id, Slug.WithSuffix(Slug.From(g.Headline), (int)g.Id), g.Headline, g.Excerpt, BodyHtml.FromParagraphs(g.Paragraphs), g.Text,
                    g.Dateline, g.SectionId, g.SourceId, DbTime.ToText(g.At), ReadingTime.Minutes(g.Text));
                for (var t = 0; t < g.TagIds.Length; t++) Run(insertTag, g.Id, g.TagIds[t], t);
                Run(insertAuthor, g.Id, g.AuthorId);
                var doc = g.Search;
                Run(insertSearch, doc.Id, doc.PublishedAt, doc.Headline, doc.Excerpt, doc.Body, doc.RomanHeadline, doc.RomanText);
            }
        }
        await SearchIndex.MarkCurrentAsync(connection, tx, ct);
        await tx.CommitAsync(ct);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL; ANALYZE;");
    }

    /// <summary>Leaving WAL needs the file to itself: with the service running this fails within a
    /// second, not after the 30 s busy wait, and says what to do.</summary>
    private static async Task LeaveWalAsync(SqliteConnection connection, string file, CancellationToken ct)
    {
        string? mode;
        try
        {
            mode = await connection.ExecuteScalarAsync<string>(new CommandDefinition("PRAGMA journal_mode = MEMORY", commandTimeout: 1, cancellationToken: ct));
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 5)
        {
            mode = null;
        }
        if (!string.Equals(mode, "memory", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"generate-corpus needs {file} to itself: stop the service that has it open, then run it again.");
    }

    private sealed record Generated(long Id, string Headline, string Excerpt, List<string> Paragraphs, string Text, DateTimeOffset At,
        string Dateline, long SectionId, long SourceId, long AuthorId, long[] TagIds, SearchDocument Search);

    private static List<string> Words(IEnumerable<string> texts) =>
        texts.SelectMany(t => t.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('।', ',', '‘', '’', '“', '”', '"', '\'', '(', ')', ':', '-', '.'))
            .Where(w => w.Length > 0)
            .GroupBy(w => w).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();

    private static string Sentence(Random random, List<string> words, Zipf picker, int length, string end) =>
        string.Join(' ', Enumerable.Range(0, length).Select(_ => words[picker.Next(random)])) + end;

    private static async Task<List<long>> SectionsAsync(SqliteConnection connection, SqliteTransaction tx, string now)
    {
        var ids = new List<long>();
        for (var t = 0; t < TopSections.Length; t++)
        {
            var parent = await EnsureAsync(connection, tx, "sections", TopSections[t], TopNames[t], null, now);
            ids.Add(parent);
            for (var c = 1; c <= 2; c++)
                ids.Add(await EnsureAsync(connection, tx, "sections", $"{TopSections[t]}-{c}", $"{TopNames[t]} {c}", parent, now));
        }
        return ids;
    }

    private static async Task<List<long>> TagsAsync(SqliteConnection connection, SqliteTransaction tx, Random random, List<string> words, List<string> seedTags, string now)
    {
        var names = new List<string>(seedTags);
        while (names.Count < 3000) names.Add(words[random.Next(words.Count)] + " " + words[random.Next(words.Count)]);
        var ids = new List<long>();
        foreach (var name in names.Distinct())
            ids.Add(await EnsureAsync(connection, tx, "tags", Slug.From(name), name, null, now));
        return ids;
    }

    private static async Task<List<long>> NamedAsync(SqliteConnection connection, SqliteTransaction tx, string table, IEnumerable<(string Slug, string Name)> items, string now)
    {
        var ids = new List<long>();
        foreach (var (slug, name) in items) ids.Add(await EnsureAsync(connection, tx, table, slug, name, null, now));
        return ids;
    }

    private static readonly Dictionary<string, (string Insert, string Select)> EnsureSql = new()
    {
        ["sections"] = ("INSERT OR IGNORE INTO sections (slug, name, parent_id, created_at, updated_at) VALUES (@slug, @name, @parent, @now, @now)", "SELECT id FROM sections WHERE slug = @slug"),
        ["tags"] = ("INSERT OR IGNORE INTO tags (slug, name, created_at, updated_at) VALUES (@slug, @name, @now, @now)", "SELECT id FROM tags WHERE slug = @slug"),
        ["authors"] = ("INSERT OR IGNORE INTO authors (slug, name, created_at, updated_at) VALUES (@slug, @name, @now, @now)", "SELECT id FROM authors WHERE slug = @slug"),
        ["sources"] = ("INSERT OR IGNORE INTO sources (slug, name, created_at, updated_at) VALUES (@slug, @name, @now, @now)", "SELECT id FROM sources WHERE slug = @slug"),
    };

    private static async Task<long> EnsureAsync(SqliteConnection connection, SqliteTransaction tx, string table, string slug, string name, long? parent, string now)
    {
        await connection.ExecuteAsync(EnsureSql[table].Insert, new { slug, name, parent, now }, tx);
        return await connection.ExecuteScalarAsync<long>(EnsureSql[table].Select, new { slug }, tx);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
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
