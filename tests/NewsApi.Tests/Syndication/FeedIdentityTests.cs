using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Syndication;

/// <summary>Tests that write, each on its own service: what a feed holds does not depend on the other tests.</summary>
[TestFixture]
public sealed class FeedIdentityTests
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Item_ids_stay_the_same_when_the_slug_changes_and_the_link_follows_it()
    {
        using var factory = new NewsApiFactory(demoContent: false);
        using var client = factory.CreateClient();
        var content = new TestContent(factory);
        await content.EnsureTaxonomyAsync();
        var input = TestContent.Hindi("संसद में बजट पेश") with { Slug = "पुराना-स्लग" };
        var row = await content.PublishedAsync(input, T0);
        var before = await ItemsAsync(client);

        var changed = await factory.Services.GetRequiredService<ArticleWriter>()
            .UpdateAsync(row.Id, input with { Slug = "नया-स्लग" }, row.Version, new Actor("test", null, null), default);
        Assert.That(changed.Article?.Slug, Is.EqualTo("नया-स्लग"), changed.Detail);
        var after = await ItemsAsync(client);

        using (Assert.EnterMultipleScope())
        {
            foreach (var format in before.Keys)
            {
                Assert.That(after[format].Id, Is.EqualTo(before[format].Id).And.EqualTo($"tag:localhost,2025:article:{row.Id}"), format);
                Assert.That(before[format].Link, Does.EndWith("/desh/" + Uri.EscapeDataString("पुराना-स्लग")), format);
                Assert.That(after[format].Link, Does.EndWith("/desh/" + Uri.EscapeDataString("नया-स्लग")), format);
            }
        }
    }

    [Test]
    public async Task A_feed_holds_the_latest_50_articles_newest_first()
    {
        using var factory = new NewsApiFactory(demoContent: false);
        using var client = factory.CreateClient();
        var content = new TestContent(factory);
        await content.EnsureTaxonomyAsync();
        var ids = new List<long>();
        for (var i = 0; i < 52; i++)
            ids.Add((await content.PublishedAsync(TestContent.Hindi("खबर " + EditorialHttp.DevanagariNumber(i)), T0.AddMinutes(i))).Id);
        var expected = ids.AsEnumerable().Reverse().Take(50).Select(id => $"tag:localhost,2025:article:{id}").ToList();

        foreach (var format in new[] { "rss.xml", "atom.xml", "feed.json" })
        {
            var body = await client.GetByteArrayAsync("/feeds/" + format);
            List<string> got = format == "feed.json"
                ? [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)]
                : [.. Load(body).Items.Select(i => i.Id)];
            Assert.That(got, Is.EqualTo(expected), format);
        }
    }

    /// <summary>The one item of each format: its id and its link to the website.</summary>
    private static async Task<Dictionary<string, (string Id, string Link)>> ItemsAsync(HttpClient client)
    {
        var items = new Dictionary<string, (string, string)>();
        foreach (var format in new[] { "rss.xml", "atom.xml" })
        {
            var item = Load(await client.GetByteArrayAsync("/feeds/" + format)).Items.Single();
            items[format] = (item.Id, item.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        }
        var json = JsonDocument.Parse(await client.GetByteArrayAsync("/feeds/feed.json")).RootElement.GetProperty("items")[0];
        items["feed.json"] = (json.GetProperty("id").GetString()!, json.GetProperty("url").GetString()!);
        return items;
    }

    private static System.ServiceModel.Syndication.SyndicationFeed Load(byte[] body)
    {
        using var reader = System.Xml.XmlReader.Create(new MemoryStream(body));
        return System.ServiceModel.Syndication.SyndicationFeed.Load(reader);
    }
}
