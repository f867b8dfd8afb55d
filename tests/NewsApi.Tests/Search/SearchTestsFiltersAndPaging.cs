using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>GET /v1/search with the list filters, and paging through hits with a cursor.</summary>
[TestFixture]
public sealed class SearchTestsFiltersAndPaging : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private static readonly string Monsoon = Uri.EscapeDataString("मानसून");
    private long _desh, _rajya, _khel;
    private readonly List<long> _hail = [];

    protected override async Task ArrangeAsync()
    {
        _desh = await PublishedAsync(Article("मानसून की पहली बारिश", "desh", ["मौसम"], "ians", "sita"), T0);
        _rajya = await PublishedAsync(Article("राज्य में मानसून सक्रिय", "rajya", ["मौसम", "खेती"], "pti", "ravi").With("language", "hi-IN"), T0.AddHours(1));
        _khel = await PublishedAsync(Article("मानसून से मैच रद्द", "khel", ["क्रिकेट"], "pti", "sita"), T0.AddHours(2));
        await CreateDraftAsync(Editor, Article("मानसून का मसौदा", "desh", ["मौसम"], "ians", "sita"));

        // Seven hits with equal scores, created newest first: their id order is the reverse of their
        // publication order, so a page boundary inside the tie shows whether paging is consistent.
        var hail = Article("ओलावृष्टि से फसल को नुकसान", "khel", [], "ians", "ravi");
        for (var i = 0; i < 7; i++) _hail.Add(await PublishedAsync(hail, T0.AddDays(1).AddHours(-i)));
    }

    private async Task<long> PublishedAsync(Dictionary<string, object?> article, DateTimeOffset at) =>
        (await EditorialHttp.PublishedAsync(Editor, article, at)).GetProperty("id").GetInt64();

    private static Dictionary<string, object?> Article(string headline, string section, string[] tags, string source, string author) =>
        EditorialHttp.Article(headline, section, tags, source: source, authors: [author]).With("body", "<p>" + headline + "। मौसम विभाग ने चेतावनी जारी की।</p>");

    private async Task<JsonElement> GetAsync(string url)
    {
        var response = await Public.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static List<long> Ids(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Test]
    public async Task Without_filters_every_public_hit_is_found()
    {
        Assert.That(Ids(await GetAsync($"/v1/search?q={Monsoon}")), Is.EquivalentTo(new[] { _desh, _rajya, _khel }));
    }

    [TestCase("section=desh", new[] { "desh", "rajya" }, TestName = "Section_filter_includes_sub_sections")]
    [TestCase("section=rajya", new[] { "rajya" }, TestName = "Sub_section_filter")]
    [TestCase("section=khel", new[] { "khel" }, TestName = "Other_section_filter")]
    [TestCase("section=unknown", new string[0], TestName = "Unknown_section_finds_nothing")]
    [TestCase("tag=%E0%A4%96%E0%A5%87%E0%A4%A4%E0%A5%80", new[] { "rajya" }, TestName = "Tag_filter")]
    [TestCase("tag=%E0%A4%AE%E0%A5%8C%E0%A4%B8%E0%A4%AE", new[] { "desh", "rajya" }, TestName = "Tag_filter_shared_tag")]
    [TestCase("author=sita", new[] { "desh", "khel" }, TestName = "Author_filter")]
    [TestCase("source=pti", new[] { "rajya", "khel" }, TestName = "Source_filter")]
    [TestCase("lang=hi-IN", new[] { "rajya" }, TestName = "Lang_filter")]
    [TestCase("publishedAfter=2025-08-01T06:30:00Z", new[] { "rajya", "khel" }, TestName = "PublishedAfter_filter")]
    [TestCase("publishedBefore=2025-08-01T07:30:00Z", new[] { "desh", "rajya" }, TestName = "PublishedBefore_filter")]
    [TestCase("publishedAfter=2025-08-01T06:30:00Z&publishedBefore=2025-08-01T07:30:00Z", new[] { "rajya" }, TestName = "Published_window_filter")]
    [TestCase("section=desh&source=pti&author=ravi", new[] { "rajya" }, TestName = "Filters_combine")]
    public async Task Filters_narrow_the_hits(string filter, string[] expected)
    {
        var ids = Ids(await GetAsync($"/v1/search?q={Monsoon}&{filter}"));
        var bySection = new Dictionary<string, long> { ["desh"] = _desh, ["rajya"] = _rajya, ["khel"] = _khel };
        Assert.That(ids, Is.EquivalentTo(expected.Select(s => bySection[s])));
    }

    [Test]
    public async Task Paging_with_a_cursor_visits_each_hit_once_in_rank_order()
    {
        var q = Uri.EscapeDataString("ओलावृष्टि");
        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var response = await Public.GetAsync($"/v1/search?q={q}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.JsonAsync();
            var ids = Ids(page);
            Assert.That(ids, Has.Count.InRange(1, 2));
            seen.AddRange(ids);
            cursor = page.GetProperty("nextCursor").GetString();
            if (cursor is not null)
                Assert.That(response.Headers.GetValues("Link").Single(), Does.Contain("cursor=" + cursor).And.Contain("rel=\"next\""));
            pages++;
        }
        while (cursor is not null && pages < 10);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages, Is.EqualTo(4));
            Assert.That(seen, Is.Unique);
            Assert.That(seen, Is.EqualTo(_hail), "equal scores: newest first, across page boundaries");
        }
    }

    [Test]
    public async Task Paging_keeps_the_filters()
    {
        var q = Uri.EscapeDataString("ओलावृष्टि");
        var first = await GetAsync($"/v1/search?q={q}&section=khel&limit=3");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await GetAsync($"/v1/search?q={q}&section=khel&limit=3&cursor={cursor}");
        var third = await GetAsync($"/v1/search?q={q}&section=khel&limit=3&cursor={second.GetProperty("nextCursor").GetString()}");
        Assert.That(Ids(first).Concat(Ids(second)).Concat(Ids(third)), Is.EqualTo(_hail));
        Assert.That(third.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task A_tampered_cursor_is_a_400()
    {
        var q = Uri.EscapeDataString("ओलावृष्टि");
        var cursor = (await GetAsync($"/v1/search?q={q}&limit=2")).GetProperty("nextCursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? "B" : "A") + cursor[^1];
        var problem = await (await Public.GetAsync($"/v1/search?q={q}&limit=2&cursor={tampered}")).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("cursor", out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task A_cursor_from_another_list_is_a_400()
    {
        var articles = await GetAsync("/v1/articles?limit=1");
        var cursor = articles.GetProperty("nextCursor").GetString()!;
        var q = Uri.EscapeDataString("ओलावृष्टि");
        await (await Public.GetAsync($"/v1/search?q={q}&limit=2&cursor={cursor}")).AssertProblemAsync(400);
    }

    [TestCase("limit=0", "limit")]
    [TestCase("limit=101", "limit")]
    [TestCase("limit=-1", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    public async Task Bad_paging_parameters_are_a_400(string parameter, string field)
    {
        var problem = await (await Public.GetAsync($"/v1/search?q={Monsoon}&{parameter}")).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("limit=abc")]
    [TestCase("publishedAfter=yesterday")]
    public async Task Unparseable_parameters_are_a_400(string parameter)
    {
        await (await Public.GetAsync($"/v1/search?q={Monsoon}&{parameter}")).AssertProblemAsync(400);
    }

    [TestCase(1)]
    [TestCase(100)]
    public async Task Limits_at_the_bounds_are_allowed(int limit)
    {
        var page = await GetAsync($"/v1/search?q={Monsoon}&limit={limit}");
        Assert.That(Ids(page), Has.Count.EqualTo(Math.Min(limit, 3)));
    }
}
