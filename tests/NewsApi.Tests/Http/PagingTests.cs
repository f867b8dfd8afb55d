using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

[TestFixture]
public sealed class PagingTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private HashSet<long> _ids = null!;

    protected override async Task ArrangeAsync()
    {
        _ids = [];
        for (var i = 0; i < 250; i++)
        {
            // Every fifth pair shares a publication time, so the id tiebreak is exercised.
            var at = T0.AddMinutes(i - (i % 5 == 1 ? 1 : 0));
            _ids.Add((await PublishedAsync(Editor, Article($"समाचार संख्या {i}"), at)).GetProperty("id").GetInt64());
        }
    }

    private async Task<List<long>> WalkAsync(string path, Func<int, Task>? betweenPages = null)
    {
        var seen = new List<long>();
        string? next = path;
        var pages = 0;
        while (next is not null)
        {
            var response = await Public.GetAsync(next);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(7));
            seen.AddRange(items);
            var hasCursor = page.GetProperty("nextCursor").GetString() is not null;
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Single().Split(';')[0].Trim('<', '>', ' ')
                : null;
            Assert.That(next is not null, Is.EqualTo(hasCursor), "Link: rel=next exactly when nextCursor is set");
            if (betweenPages is not null) await betweenPages(pages);
            pages++;
        }
        return seen;
    }

    [Test]
    public async Task Paging_250_articles_by_7_visits_each_exactly_once()
    {
        var seen = await WalkAsync("/v1/articles?limit=7&fields=id");
        Assert.That(seen, Is.Unique);
        Assert.That(seen.Where(_ids.Contains).ToHashSet(), Is.EquivalentTo(_ids));
    }

    [Test]
    public async Task Paging_teasers_while_new_articles_are_published_between_pages_still_visits_each_once()
    {
        var seen = await WalkAsync("/v1/teasers?limit=7", async page =>
        {
            if (page % 3 == 0)
                await PublishedAsync(Editor, Article($"ताज़ा खबर {page}"), DateTimeOffset.UtcNow);
        });
        Assert.That(seen, Is.Unique);
        Assert.That(_ids.Except(seen), Is.Empty, "every article that existed when paging began was visited");
    }
}
