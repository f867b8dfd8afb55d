using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Articles;

[TestFixture]
public sealed class PagingTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private NewsApiFactory _factory = null!;
    private HttpClient _client = null!;
    private TestContent _content = null!;
    private HashSet<long> _ids = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _factory = new NewsApiFactory(demoContent: false);
        _client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        _content = new TestContent(_factory);
        await _content.EnsureTaxonomyAsync();
        _ids = [];
        for (var i = 0; i < 250; i++)
        {
            // Every fifth pair shares a publication time, so the id tiebreak is exercised.
            var at = T0.AddMinutes(i - (i % 5 == 1 ? 1 : 0));
            _ids.Add((await _content.PublishedAsync(TestContent.Hindi($"समाचार संख्या {i}"), at)).Id);
        }
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    private async Task<List<long>> WalkAsync(string path, Func<int, Task>? betweenPages = null)
    {
        var seen = new List<long>();
        string? next = path;
        var pages = 0;
        while (next is not null)
        {
            var response = await _client.GetAsync(next);
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
                await _content.PublishedAsync(TestContent.Hindi($"ताज़ा खबर {page}"), DateTimeOffset.UtcNow);
        });
        Assert.That(seen, Is.Unique);
        Assert.That(_ids.Except(seen), Is.Empty, "every article that existed when paging began was visited");
    }
}

[TestFixture]
public sealed class SlugHistoryTests
{
    [Test]
    public async Task An_old_slug_answers_301_to_the_current_one()
    {
        using var factory = new NewsApiFactory(demoContent: false);
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        var content = new TestContent(factory);
        await content.EnsureTaxonomyAsync();
        var article = await content.PublishedAsync(TestContent.Hindi("किम ने पुतिन से बात की"), new DateTimeOffset(2025, 8, 13, 9, 30, 0, TimeSpan.Zero));
        Assert.That(article.Slug, Is.EqualTo("किम-ने-पुतिन-से-बात-की"));

        var writer = factory.Services.GetRequiredService<ArticleWriter>();
        var renamed = await writer.UpdateAsync(article.Id, TestContent.Hindi("किम ने पुतिन से बात की") with { Slug = "किम-पुतिन-वार्ता" },
            article.Version, new Actor("test", null, null), CancellationToken.None);
        Assert.That(renamed.Article!.Slug, Is.EqualTo("किम-पुतिन-वार्ता"));

        var response = await client.GetAsync("/v1/articles/slug/" + Uri.EscapeDataString("किम-ने-पुतिन-से-बात-की") + "?fields=headline");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/v1/articles/slug/" + Uri.EscapeDataString("किम-पुतिन-वार्ता") + "?fields=headline"));
        var current = await client.GetAsync(response.Headers.Location);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_derived_slug_that_is_taken_gets_a_numeric_suffix()
    {
        using var factory = new NewsApiFactory(demoContent: false);
        var content = new TestContent(factory);
        await content.EnsureTaxonomyAsync();
        var first = await content.DraftAsync(TestContent.Hindi("मौसम का हाल"));
        var second = await content.DraftAsync(TestContent.Hindi("मौसम का हाल"));
        Assert.That(new[] { first.Slug, second.Slug }, Is.EqualTo(new[] { "मौसम-का-हाल", "मौसम-का-हाल-2" }));
    }
}
