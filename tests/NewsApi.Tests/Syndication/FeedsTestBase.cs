using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Syndication;

/// <summary>One service per class with public articles in three sections (rajya is a sub-section of desh) and one
/// article in each state the public never sees, all written through the editorial API. The tests only read; those
/// that write (FeedIdentityTests) get a service per test.</summary>
public abstract class FeedsTestBase : ApiTestBase
{
    protected static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    protected static readonly string[] Formats = ["rss.xml", "atom.xml", "feed.json"];

    // Written with precomposed nukta letters (U+095D ढ़, U+0958 क़), which NFC decomposes: the feeds must carry
    // the stored NFC text, with its matras, chandrabindu and virama (स्म), byte for byte.
    protected const string FloodHeadline = "बा\u095D से गाँव में तबाही, \u0958िस्मत ने बचाया";
    protected static readonly string FloodNfc = FloodHeadline.Normalize(NormalizationForm.FormC);

    /// <summary>Published, newest first: election (desh), cricket (khel, not syndicatable), flood (rajya, with an image).</summary>
    protected long Election { get; private set; }
    protected long Cricket { get; private set; }
    protected long Flood { get; private set; }
    protected long[] Hidden { get; private set; } = [];

    protected override async Task ArrangeAsync()
    {
        var now = DateTimeOffset.UtcNow;

        Flood = Id(await PublishedAsync(Editor, Article(FloodHeadline, "rajya", ["बाढ़", "मौसम"]).With("image", new
        {
            url = "https://img.example.com/2025/badh.jpg", alt = "डूबे हुए खेत", caption = "गाँव में पानी", credit = "आईएएनएस", width = 1200, height = 800,
        }), T0));
        Cricket = Id(await PublishedAsync(Editor, Article("क्रिकेट में भारत की जीत", "khel", ["क्रिकेट"], source: "pti", authors: ["sita"])
            .With("syndication", new { allowed = false }), T0.AddHours(1)));
        Election = Id(await PublishedAsync(Editor, Article("दिल्ली में चुनाव", "desh", ["चुनाव", "बाढ़"]), T0.AddHours(2)));

        // Each carries the shared tag, so every filter would show it if visibility were not applied.
        Dictionary<string, object?> HiddenArticle(string state) => Article("छिपी खबर " + state, "desh", ["बाढ़", "गुप्त योजना"]);
        var (draft, _) = await CreatedAsync(Editor, HiddenArticle("मसौदा"));
        var (scheduled, _) = await CreatedAsync(Editor, HiddenArticle("निर्धारित"));
        Assert.That((await PublishAsync(Editor, scheduled, now.AddDays(1))).GetProperty("status").GetString(), Is.EqualTo("scheduled"));
        var archived = Id(await PublishedAsync(Editor, HiddenArticle("संग्रहीत"), T0.AddHours(3)));
        Assert.That((await TransitionOkAsync(Editor, archived, "archive")).GetProperty("status").GetString(), Is.EqualTo("archived"));
        var embargoed = await PublishedAsync(Editor, HiddenArticle("प्रतिबंधित").With("embargoUntil", now.AddDays(1)), T0.AddHours(4));
        Assert.That(embargoed.GetProperty("status").GetString(), Is.EqualTo("published"));
        Hidden = [draft, scheduled, archived, Id(embargoed)];
    }

    private static long Id(JsonElement article) => article.GetProperty("id").GetInt64();

    protected static string Url(string format, string query = "") => "/feeds/" + format + query;

    /// <summary>GET, asserting a 200; the body as bytes.</summary>
    protected static async Task<byte[]> FetchAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + Encoding.UTF8.GetString(body));
        return body;
    }

    /// <summary>RSS and Atom read back by the framework's own parser, as a reader would.</summary>
    protected static SyndicationFeed LoadXml(byte[] body)
    {
        using var reader = XmlReader.Create(new MemoryStream(body));
        return SyndicationFeed.Load(reader);
    }

    protected static JsonElement LoadJson(byte[] body) => JsonDocument.Parse(body).RootElement;

    /// <summary>The item ids of a feed in any of the three formats, in document order.</summary>
    protected static async Task<List<string>> IdsAsync(HttpClient client, string format, string query = "")
    {
        var body = await FetchAsync(client, Url(format, query));
        return format == "feed.json"
            ? [.. LoadJson(body).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)]
            : [.. LoadXml(body).Items.Select(i => i.Id)];
    }

    /// <summary>The permanent id the feeds give an article (tagging entity from NewsApi:PublicBaseUrl's host).</summary>
    protected static string IdOf(long id) => $"tag:localhost,2025:article:{id}";

    /// <summary>The article as the content API answers it, to compare the feeds with.</summary>
    protected async Task<JsonElement> ArticleAsync(long id) => await (await Public.GetAsync($"/v1/articles/{id}")).JsonAsync();
}
