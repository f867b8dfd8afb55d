using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Syndication;

/// <summary>One service with public articles in three sections (rajya is a sub-section of desh) and one article in
/// each state the public never sees. The tests only read; those that write start their own service.</summary>
public abstract class FeedsTestBase
{
    protected static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    protected static readonly string[] Formats = ["rss.xml", "atom.xml", "feed.json"];

    // Written with precomposed nukta letters (U+095D ढ़, U+0958 क़), which NFC decomposes: the feeds must carry
    // the stored NFC text, with its matras, chandrabindu and virama (स्म), byte for byte.
    protected const string FloodHeadline = "बा\u095D से गाँव में तबाही, \u0958िस्मत ने बचाया";
    protected static readonly string FloodNfc = FloodHeadline.Normalize(NormalizationForm.FormC);

    protected NewsApiFactory Factory { get; private set; } = null!;
    protected HttpClient Client { get; private set; } = null!;

    /// <summary>Published, newest first: election (desh), cricket (khel, not syndicatable), flood (rajya, with an image).</summary>
    protected long Election { get; private set; }
    protected long Cricket { get; private set; }
    protected long Flood { get; private set; }
    protected long[] Hidden { get; private set; } = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        Factory = new NewsApiFactory(demoContent: false);
        Client = Factory.CreateClient(new() { AllowAutoRedirect = false });
        var content = new TestContent(Factory);
        await content.EnsureTaxonomyAsync();
        var now = DateTimeOffset.UtcNow;

        Flood = (await content.PublishedAsync(TestContent.Hindi(FloodHeadline, "rajya", ["बाढ़", "मौसम"]) with
        {
            Image = new ImageInput { Url = "https://img.example.com/2025/badh.jpg", Alt = "डूबे हुए खेत", Caption = "गाँव में पानी", Credit = "आईएएनएस", Width = 1200, Height = 800 },
        }, T0)).Id;
        Cricket = (await content.PublishedAsync(TestContent.Hindi("क्रिकेट में भारत की जीत", "khel", ["क्रिकेट"], "pti", ["sita"]) with
        {
            Syndication = new SyndicationInput { Allowed = false },
        }, T0.AddHours(1))).Id;
        Election = (await content.PublishedAsync(TestContent.Hindi("दिल्ली में चुनाव", "desh", ["चुनाव", "बाढ़"]), T0.AddHours(2))).Id;

        var writer = Factory.Services.GetRequiredService<ArticleWriter>();
        var actor = new Actor("test", null, null);
        // Each carries the shared tag, so every filter would show it if visibility were not applied.
        ArticleInput HiddenInput(string state) => TestContent.Hindi("छिपी खबर " + state, "desh", ["बाढ़", "गुप्त योजना"]);
        var draft = await content.DraftAsync(HiddenInput("मसौदा"));
        var scheduled = await content.DraftAsync(HiddenInput("निर्धारित"));
        Assert.That((await writer.TransitionAsync(scheduled.Id, ArticleStatus.Scheduled, now.AddDays(1), null, actor, default)).Article?.Status, Is.EqualTo("scheduled"));
        var archived = await content.PublishedAsync(HiddenInput("संग्रहीत"), T0.AddHours(3));
        Assert.That((await writer.TransitionAsync(archived.Id, ArticleStatus.Archived, null, null, actor, default)).Article?.Status, Is.EqualTo("archived"));
        var embargoed = await content.PublishedAsync(HiddenInput("प्रतिबंधित") with { EmbargoUntil = now.AddDays(1) }, T0.AddHours(4));
        Assert.That(embargoed.Status, Is.EqualTo("published"));
        Hidden = [draft.Id, scheduled.Id, archived.Id, embargoed.Id];
    }

    [OneTimeTearDown]
    public void Stop()
    {
        Client.Dispose();
        Factory.Dispose();
    }

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
    protected async Task<JsonElement> ArticleAsync(long id) => await (await Client.GetAsync($"/v1/articles/{id}")).JsonAsync();
}
