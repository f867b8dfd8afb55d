using System.Globalization;
using System.Text.Json;
using NewsApi.Search;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>Ranking quality: mean nDCG@10 of <see cref="JudgedCorpus.Queries"/> over the seed page plus
/// <see cref="JudgedCorpus.Articles"/>, graded 0/1/2 from how the corpus was made (not from what search returns).
/// Fails below <see cref="Recorded"/>, the value measured when ranking last changed (README, "Ranking quality"):
/// a change that lowers it must be argued, and the value lowered with it.</summary>
[TestFixture]
public sealed class JudgedRelevanceTests : ApiTestBase
{
    /// <summary>Measured mean nDCG@10 (rounded down), see the README.</summary>
    public const double Recorded = 0.941;

    private readonly Dictionary<long, JudgedArticle> _generated = [];
    private Dictionary<long, (HashSet<string> Headline, HashSet<string> Body)> _seed = null!;

    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["RateLimiting:PermitsPerMinute"] = "100000";

    protected override async Task ArrangeAsync()
    {
        var newest = new DateTimeOffset(2025, 9, 1, 6, 0, 0, TimeSpan.Zero);
        foreach (var a in JudgedCorpus.Articles)
        {
            var article = await PublishedAsync(Editor, Article(a.Headline).With("body", "<p>" + a.Body + "</p>"), newest.AddHours(-a.Age));
            _generated[article.GetProperty("id").GetInt64()] = a;
        }
        var list = await (await Public.GetAsync("/v1/articles?limit=100&formats=text")).JsonAsync();
        static HashSet<string> Words(string? text) => [.. SearchText.Tokens(SearchText.Normalize(text))];
        _seed = list.GetProperty("items").EnumerateArray().Where(a => !_generated.ContainsKey(a.GetProperty("id").GetInt64())).ToDictionary(
            a => a.GetProperty("id").GetInt64(),
            a => (Words(a.GetProperty("headline").GetString()),
                  Words(a.GetProperty("excerpt").GetString() + " " + a.GetProperty("body").GetProperty("text").GetString())));
    }

    private int Grade(JudgedQuery q, long id)
    {
        if (_generated.TryGetValue(id, out var a))
        {
            if (a.Topic == q.Topic) return q.Place is null || q.Place == a.Place ? 2 : 1;
            return a.Mentions == q.Topic && q.Place is null ? 1 : 0;
        }
        var (headline, body) = _seed[id];
        var judge = q.Judge.Select(SearchText.Normalize).ToList();
        return judge.Any(headline.Contains) ? 2 : judge.Any(body.Contains) ? 1 : 0;
    }

    public static double Ndcg(IReadOnlyList<int> ranked, IEnumerable<int> all, int k = 10)
    {
        static double Dcg(IEnumerable<int> grades, int k) => grades.Take(k).Select((g, i) => (Math.Pow(2, g) - 1) / Math.Log2(i + 2)).Sum();
        var ideal = Dcg(all.OrderByDescending(g => g), k);
        return ideal == 0 ? 1 : Dcg(ranked, k) / ideal;
    }

    [Test]
    public void Ndcg_is_one_for_the_ideal_order_and_less_for_a_worse_one()
    {
        Assert.That(Ndcg([2, 1, 0], [0, 1, 2]), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(Ndcg([0, 1, 2], [0, 1, 2]), Is.LessThan(1.0));
        Assert.That(Ndcg([1, 2], [2, 1, 2]), Is.EqualTo((1 + 3 / Math.Log2(3)) / (3 + 3 / Math.Log2(3) + 1 / 2.0)).Within(1e-12));
    }

    [Test]
    public async Task Mean_ndcg_at_10_over_the_judged_queries_does_not_drop_below_its_recorded_value()
    {
        Assert.That(JudgedCorpus.Queries, Has.Count.GreaterThanOrEqualTo(40));
        var scores = new List<(string Q, double Ndcg)>();
        foreach (var q in JudgedCorpus.Queries)
        {
            var body = await (await Public.GetAsync("/v1/search?limit=10&q=" + Uri.EscapeDataString(q.Q))).JsonAsync();
            var ranked = body.GetProperty("items").EnumerateArray().Select(i => Grade(q, i.GetProperty("id").GetInt64())).ToList();
            var all = _generated.Keys.Concat(_seed.Keys).Select(id => Grade(q, id)).Where(g => g > 0).ToList();
            Assert.That(all, Is.Not.Empty, $"{q.Q}: a judged query has relevant articles");
            scores.Add((q.Q, Ndcg(ranked, all)));
        }
        var mean = scores.Average(s => s.Ndcg);
        await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"mean nDCG@10 over {scores.Count} queries, {_generated.Count + _seed.Count} articles: {mean:F4}"));
        foreach (var (q, n) in scores.OrderBy(s => s.Ndcg).Take(10)) await TestContext.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {n:F3} {q}"));
        Assert.That(mean, Is.GreaterThanOrEqualTo(Recorded));
    }
}
