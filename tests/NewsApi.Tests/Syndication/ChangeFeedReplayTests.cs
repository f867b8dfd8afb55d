using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Syndication;

/// <summary>The change feed's promise: a partner that replays it and applies every entry holds exactly the
/// syndicatable articles, each at its latest version, whether it started at the first change or midway. Checked
/// after a long random newsroom day (fixed seed, so a failure replays the same way) made through the HTTP API.</summary>
public sealed class ChangeFeedReplayTests : ApiTestBase
{
    private const int Seed = 20261130;
    private const int Operations = 520;
    private const int PageSize = 7;

    private static readonly string[] TagPool = ["भारत", "चुनाव", "क्रिकेट", "मौसम", "अर्थव्यवस्था", "सियोल"];

    private HttpClient _partner = null!;
    private Random _random = null!;
    private readonly List<long> _alive = [];
    private readonly List<long> _everCreated = [];
    private readonly Dictionary<string, int> _done = new(StringComparer.Ordinal);

    protected override DateTimeOffset? ClockStart => new DateTimeOffset(2026, 4, 1, 4, 0, 0, TimeSpan.Zero);

    protected override async Task ArrangeAsync()
    {
        _partner = await ClientAsync("partner");
        _random = new Random(Seed);
    }

    [Test]
    public async Task Replaying_the_feed_from_the_start_or_from_midway_holds_exactly_the_syndicatable_articles_after_500_random_operations()
    {
        PartnerFeed? midway = null;
        for (var i = 0; i < Operations; i++)
        {
            await StepAsync();
            if (i == Operations / 2)
            {
                midway = new PartnerFeed(_partner);
                await midway.CatchUpAsync(PageSize);
            }
        }
        // What no write records (an embargo that ended, a related story that left) is recorded by the scheduler's
        // pass, which runs every 5 seconds; run it once more, as it would have run by the time a partner polls.
        await PassAsync();

        var expected = await SyndicatableAsync();
        var fromStart = new PartnerFeed(_partner);
        await fromStart.CatchUpAsync(PageSize);
        var fromMidway = midway!.Fork(_partner);
        await fromMidway.CatchUpAsync(PageSize);

        TestContext.Out.WriteLine($"operations: {string.Join(", ", _done.OrderBy(d => d.Key).Select(d => $"{d.Key} {d.Value}"))}; " +
            $"{_everCreated.Count} articles, {expected.Count} syndicatable at the end, {fromStart.Entries.Count} entries");
        Assert.That(expected, Has.Count.GreaterThan(5), "the run should end with a few syndicatable articles");
        AssertHolds(fromStart, expected, "replayed from the start");
        AssertHolds(fromMidway, expected, "replayed from midway");
        foreach (var id in _everCreated.Where(id => !expected.ContainsKey(id)))
        {
            using var response = await _partner.GetAsync($"/v1/syndication/articles/{id}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"article {id} is not syndicatable");
        }
    }

    /// <summary>The partner holds exactly <paramref name="expected"/>: the same articles, each document equal to
    /// the one served now (so at its latest version).</summary>
    private static void AssertHolds(PartnerFeed partner, Dictionary<long, JsonNode> expected, string how)
    {
        Assert.That(partner.Held.Keys, Is.EquivalentTo(expected.Keys.Select(Uri)), how + ": the set");
        foreach (var (id, served) in expected)
        {
            var held = partner.Held[Uri(id)];
            Assert.That(JsonNode.DeepEquals(held, served), Is.True,
                $"{how}: article {id}'s document\nheld:   {held.ToJsonString()}\nserved: {served.ToJsonString()}");
        }
    }

    private static string Uri(long id) => $"urn:newsapi:article:{id}";

    /// <summary>A direct query of what partners may have (public and syndication allowed), each article's
    /// document as served now, checked against the schema and for being at the article's version.</summary>
    private async Task<Dictionary<long, JsonNode>> SyndicatableAsync()
    {
        var db = Factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(long Id, long Version)>(
            "SELECT a.id, a.version FROM articles a WHERE " + ArticleFilter.PublicPredicate + " AND a.syndication_allowed = 1",
            new { now = Clock.GetUtcNow() });
        var expected = new Dictionary<long, JsonNode>();
        foreach (var (id, version) in rows)
        {
            using var response = await _partner.GetAsync($"/v1/syndication/articles/{id}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var served = await response.JsonAsync();
            NinjsSchema.AssertValid(served, $"article {id}");
            Assert.That(served.GetProperty("version").GetString(), Is.EqualTo(version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            expected[id] = JsonNode.Parse(served.GetRawText())!;
        }
        return expected;
    }

    private Task<int> PassAsync() => Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);

    private DateTimeOffset Now => Clock.GetUtcNow();

    private async Task StepAsync()
    {
        var roll = _random.Next(100);
        if (_alive.Count < 3 || roll < 14)
        {
            await CreateAsync();
            return;
        }
        if (roll < 19)
        {
            Clock.Advance(TimeSpan.FromMinutes(_random.Next(1, 40)));
            await PassAsync();
            Count("tick");
            return;
        }
        var id = _alive[_random.Next(_alive.Count)];
        var article = await GetAdminAsync(Editor, id);
        var status = article.GetProperty("status").GetString();
        var op = roll switch
        {
            < 32 => "edit",
            < 46 => status is "published" ? "edit" : "publish",
            < 52 => status is "draft" or "archived" ? "schedule" : "edit",
            < 58 => status is "published" or "scheduled" ? "unpublish" : "publish",
            < 62 => status is "archived" ? "publish" : "archive",
            < 66 => "delete",
            < 75 => "syndication",
            < 82 => "embargo",
            < 88 => "lift-embargo",
            < 94 => "slug",
            _ => "related",
        };
        var version = article.GetProperty("version").GetInt64();
        using var response = op switch
        {
            "edit" => await PatchAsync(Editor, id, new { headline = "संपादित " + Unique("edit"), body = $"<p>नया पाठ {DevanagariNumber(_random.Next(1000))}।</p>" }, ETag(version)),
            "publish" => await SendAtVersionAsync(Editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", version),
            "schedule" => await SendAtVersionAsync(Editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", version, new { publishAt = Now.AddMinutes(_random.Next(1, 90)) }),
            "unpublish" or "archive" => await SendAtVersionAsync(Editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/{op}", version),
            "delete" => await DeleteAsync(Editor, id, ETag(version)),
            "syndication" => await PatchAsync(Editor, id, new { syndication = new { allowed = !article.GetProperty("syndication").GetProperty("allowed").GetBoolean() } }, ETag(version)),
            "embargo" => await PatchAsync(Editor, id, new { embargoUntil = Now.AddMinutes(_random.Next(1, 120)) }, ETag(version)),
            "lift-embargo" => await PatchAsync(Editor, id, new { embargoUntil = (DateTimeOffset?)null }, ETag(version)),
            "slug" => await PatchAsync(Editor, id, new { slug = Unique("slug") }, ETag(version)),
            _ => await SetRelatedAsync(Editor, id, _alive.Where(other => other != id).OrderBy(_ => _random.Next()).Take(_random.Next(0, 4)).ToList()),
        };
        var expected = op == "delete" ? HttpStatusCode.NoContent : HttpStatusCode.OK;
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{op} {id} ({status}): {await response.Content.ReadAsStringAsync()}");
        if (op == "delete") _alive.Remove(id);
        Count(op);
    }

    private async Task CreateAsync()
    {
        var body = Article("ख़बर " + Unique("random"), section: _random.Next(3) == 0 ? "khel" : "desh",
            tags: [.. TagPool.OrderBy(_ => _random.Next()).Take(_random.Next(0, 3))],
            embargoUntil: _random.Next(10) == 0 ? Now.AddMinutes(_random.Next(1, 60)) : null);
        if (_random.Next(5) == 0) body["syndication"] = new { allowed = false };
        if (_random.Next(3) == 0) body["image"] = new { url = "https://cdn.example.com/चित्र/" + Unique("img") + ".jpg", alt = "तस्वीर", width = 800, height = 450 };
        var id = (await CreateDraftAsync(Editor, body)).GetProperty("id").GetInt64();
        _alive.Add(id);
        _everCreated.Add(id);
        Count("create");
    }

    private void Count(string op) => _done[op] = _done.GetValueOrDefault(op) + 1;
}
