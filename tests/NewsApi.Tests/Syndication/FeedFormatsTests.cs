using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace NewsApi.Tests.Syndication;

/// <summary>What each format carries, read back by a real parser, compared with the content API's answer.</summary>
[TestFixture]
public sealed class FeedFormatsTests : FeedsTestBase
{
    private const string SelfBase = "http://localhost/feeds/";
    private const string Home = "http://localhost:8080/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    [Test]
    public async Task Rss_carries_the_public_articles_newest_first_with_their_content()
    {
        var body = await FetchAsync(Public, Url("rss.xml"));
        var feed = LoadXml(body);
        var flood = await ArticleAsync(Flood);
        var item = feed.Items.Last();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(feed.Items.Select(i => i.Id), Is.EqualTo(new[] { IdOf(Election), IdOf(Cricket), IdOf(Flood) }));
            Assert.That(feed.Language, Is.EqualTo("hi"));
            Assert.That(feed.Title.Text, Is.EqualTo("NewsApi"));
            Assert.That(Link(feed.Links, "alternate"), Is.EqualTo(Home));
            Assert.That(Link(feed.Links, "self"), Is.EqualTo(SelfBase + "rss.xml"));

            Assert.That(item.Title.Text, Is.EqualTo(FloodNfc));
            Assert.That(item.Summary.Text, Is.EqualTo(flood.GetProperty("excerpt").GetString()));
            Assert.That(item.PublishDate, Is.EqualTo(T0));
            Assert.That(Link(item.Links, "alternate"), Is.EqualTo(flood.GetProperty("url").GetString()));
            Assert.That(item.Categories.Select(c => c.Name), Is.EqualTo(new[] { "राज्य", "बाढ़".Normalize(), "मौसम" }));
            Assert.That(item.Categories.Select(c => c.Scheme).Distinct(), Is.EqualTo(new[] { "http://localhost/v1/sections/", "http://localhost/v1/tags/" }));
            Assert.That(Extension(item, "encoded", "http://purl.org/rss/1.0/modules/content/"), Is.EqualTo(new[] { flood.GetProperty("body").GetProperty("html").GetString() }));
            Assert.That(Extension(item, "creator", "http://purl.org/dc/elements/1.1/"), Is.EqualTo(new[] { "रवि कुमार" }));

            var enclosure = item.Links.Single(l => l.RelationshipType == "enclosure");
            Assert.That((enclosure.Uri.AbsoluteUri, enclosure.MediaType), Is.EqualTo(("https://img.example.com/2025/badh.jpg", "image/jpeg")));
            // RSS requires all three attributes; an unknown size is 0 (RSS Best Practices Profile).
            var raw = XDocument.Load(new MemoryStream(body)).Descendants("enclosure").Single();
            Assert.That(raw.Attributes().Select(a => (a.Name.LocalName, a.Value)), Is.EquivalentTo(new[]
                { ("url", "https://img.example.com/2025/badh.jpg"), ("length", "0"), ("type", "image/jpeg") }));
            var media = item.ElementExtensions.Single(e => e.OuterName == "content" && e.OuterNamespace == Media.NamespaceName).GetObject<XElement>();
            Assert.That(((string?)media.Attribute("url"), (int?)media.Attribute("width"), (int?)media.Attribute("height"), (string?)media.Attribute("medium")),
                Is.EqualTo(("https://img.example.com/2025/badh.jpg", (int?)1200, (int?)800, "image")));
            Assert.That((string?)media.Element(Media + "credit"), Is.EqualTo("आईएएनएस"));
            Assert.That(feed.Items.First().Links.Any(l => l.RelationshipType == "enclosure"), Is.False, "no image, no enclosure");
        }
    }

    [Test]
    public async Task Atom_carries_the_public_articles_newest_first_with_their_content()
    {
        var feed = LoadXml(await FetchAsync(Public, Url("atom.xml")));
        var flood = await ArticleAsync(Flood);
        var entry = feed.Items.Last();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(feed.Id, Is.EqualTo("tag:localhost,2025:feed"));
            Assert.That(feed.Items.Select(i => i.Id), Is.EqualTo(new[] { IdOf(Election), IdOf(Cricket), IdOf(Flood) }));
            Assert.That(feed.Language, Is.EqualTo("hi"));
            Assert.That(feed.Authors.Select(a => a.Name), Is.EqualTo(new[] { "NewsApi" }));
            Assert.That(Link(feed.Links, "alternate"), Is.EqualTo(Home));
            Assert.That(Link(feed.Links, "self"), Is.EqualTo(SelfBase + "atom.xml"));
            Assert.That(feed.LastUpdatedTime, Is.EqualTo(feed.Items.Max(i => i.LastUpdatedTime)));

            Assert.That(entry.Title.Text, Is.EqualTo(FloodNfc));
            Assert.That(entry.Summary.Text, Is.EqualTo(flood.GetProperty("excerpt").GetString()));
            var content = (TextSyndicationContent)entry.Content;
            Assert.That((content.Type, content.Text), Is.EqualTo(("html", flood.GetProperty("body").GetProperty("html").GetString())));
            Assert.That(entry.PublishDate, Is.EqualTo(T0));
            Assert.That(entry.LastUpdatedTime, Is.EqualTo(flood.GetProperty("updatedAt").GetDateTimeOffset()).Within(TimeSpan.FromSeconds(1)));
            Assert.That(Link(entry.Links, "alternate"), Is.EqualTo(flood.GetProperty("url").GetString()));
            Assert.That(entry.Authors.Select(a => a.Name), Is.EqualTo(new[] { "रवि कुमार" }));
            Assert.That(entry.Categories.Select(c => (c.Name, c.Label)), Is.EqualTo(new[] { ("rajya", "राज्य"), ("बाढ़".Normalize(), "बाढ़".Normalize()), ("मौसम", "मौसम") }));
            var enclosure = entry.Links.Single(l => l.RelationshipType == "enclosure");
            Assert.That((enclosure.Uri.AbsoluteUri, enclosure.MediaType), Is.EqualTo(("https://img.example.com/2025/badh.jpg", "image/jpeg")));
        }
    }

    [Test]
    public async Task Json_feed_carries_the_public_articles_newest_first_with_their_content()
    {
        var feed = LoadJson(await FetchAsync(Public, Url("feed.json")));
        var flood = await ArticleAsync(Flood);
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        var item = items[^1];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(feed.GetProperty("version").GetString(), Is.EqualTo("https://jsonfeed.org/version/1.1"));
            Assert.That(feed.GetProperty("language").GetString(), Is.EqualTo("hi"));
            Assert.That(feed.GetProperty("home_page_url").GetString(), Is.EqualTo(Home));
            Assert.That(feed.GetProperty("feed_url").GetString(), Is.EqualTo(SelfBase + "feed.json"));
            Assert.That(items.Select(i => i.GetProperty("id").GetString()), Is.EqualTo(new[] { IdOf(Election), IdOf(Cricket), IdOf(Flood) }));

            Assert.That(item.GetProperty("title").GetString(), Is.EqualTo(FloodNfc));
            Assert.That(item.GetProperty("url").GetString(), Is.EqualTo(flood.GetProperty("url").GetString()));
            Assert.That(item.GetProperty("summary").GetString(), Is.EqualTo(flood.GetProperty("excerpt").GetString()));
            Assert.That(item.GetProperty("content_html").GetString(), Is.EqualTo(flood.GetProperty("body").GetProperty("html").GetString()));
            Assert.That(item.GetProperty("image").GetString(), Is.EqualTo("https://img.example.com/2025/badh.jpg"));
            Assert.That(item.GetProperty("date_published").GetDateTimeOffset(), Is.EqualTo(T0));
            Assert.That(item.GetProperty("authors")[0].GetProperty("name").GetString(), Is.EqualTo("रवि कुमार"));
            Assert.That(item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "राज्य", "बाढ़".Normalize(), "मौसम" }));
            Assert.That(items[0].TryGetProperty("image", out _), Is.False, "no image: left out, not null");
        }
    }

    [TestCase("rss.xml", @"<pubDate>(?<d>[^<]+)</pubDate>", "Fri, 01 Aug 2025 06:00:00 Z")]
    [TestCase("atom.xml", @"<published>(?<d>[^<]+)</published>", "2025-08-01T06:00:00Z")]
    [TestCase("feed.json", @"""date_published"":""(?<d>[^""]+)""", "2025-08-01T06:00:00Z")]
    public async Task Dates_are_written_in_the_format_own_syntax(string format, string pattern, string floodDate)
    {
        var text = Encoding.UTF8.GetString(await FetchAsync(Public, Url(format)));
        var dates = Regex.Matches(text, pattern).Select(m => m.Groups["d"].Value).ToList();
        var syntax = format == "rss.xml" ? Rfc822 : Rfc3339;
        Assert.That(dates, Has.Count.EqualTo(3));
        Assert.That(dates, Has.All.Match(syntax));
        Assert.That(dates[^1], Is.EqualTo(floodDate));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task Hindi_text_is_utf8_nfc_without_escapes(string format)
    {
        var body = await FetchAsync(Public, Url(format));
        Assert.That(body.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte order mark");
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(FloodNfc, Is.Not.EqualTo(FloodHeadline), "the headline was sent in another normalisation form");
            Assert.That(text, Does.Contain(FloodNfc));
            Assert.That(text.IsNormalized(NormalizationForm.FormC), Is.True);
            Assert.That(text, Does.Not.Contain("&#").And.Not.Contain("\\u09"), "Devanagari written as itself, not as character references or escapes");
        }
    }

    private static string Link(IEnumerable<SyndicationLink> links, string rel) => links.Single(l => l.RelationshipType == rel).Uri.AbsoluteUri;

    private static List<string> Extension(SyndicationItem item, string name, string ns) =>
        [.. item.ElementExtensions.Where(e => e.OuterName == name && e.OuterNamespace == ns).Select(e => e.GetReader().ReadElementContentAsString())];

    // RFC 822 section 5 with a four-digit year, as RSS 2.0 asks; "Z" is RFC 822's zone for UT.
    private const string Rfc822 = @"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (Z|GMT|UT|[+-]\d{4})$";

    private const string Rfc3339 = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$";
}
