using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>The search index (and related stories) follow the editorial workflow: only public articles
/// are found, through the editorial API with real keys and If-Match, on a fake clock.</summary>
[TestFixture]
public sealed class IndexMaintenanceTests : ApiTestBase
{
    private static readonly DateTimeOffset Start = new(2025, 9, 1, 8, 0, 0, TimeSpan.Zero);

    protected override DateTimeOffset? ClockStart => Start;

    private static Dictionary<string, object?> Body(string headline, string text, string[]? tags = null, DateTimeOffset? embargoUntil = null) =>
        Article(headline, tags: tags, embargoUntil: embargoUntil).With("body", "<p>" + text + "</p>");

    private async Task<long> CreateAsync(Dictionary<string, object?> body) => (await CreateDraftAsync(Editor, body)).GetProperty("id").GetInt64();

    private Task<JsonElement> AdminAsync(long id) => GetAdminAsync(Editor, id);

    /// <summary>Sends a write with If-Match set to the article's current version; asserts <paramref name="expected"/>.</summary>
    private async Task<HttpResponseMessage> WriteAsync(HttpMethod method, long id, string suffix, HttpContent? content, HttpStatusCode expected)
    {
        var version = (await AdminAsync(id)).GetProperty("version").GetInt64();
        using var request = new HttpRequestMessage(method, $"/v1/admin/articles/{id}{suffix}") { Content = content };
        request.Headers.TryAddWithoutValidation("If-Match", ETag(version));
        var response = await Editor.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{method} {suffix}: " + await response.Content.ReadAsStringAsync());
        return response;
    }

    private Task<HttpResponseMessage> ActAsync(long id, string action, object? body = null) =>
        WriteAsync(HttpMethod.Post, id, "/" + action, body is null ? null : JsonContent.Create(body, options: NewsApiFactory.Json), HttpStatusCode.OK);

    private async Task<string> StatusAsync(long id) => (await AdminAsync(id)).GetProperty("status").GetString()!;

    private async Task<List<long>> SearchAsync(string q)
    {
        var response = await Public.GetAsync("/v1/search?limit=100&q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];
    }

    private async Task<List<JsonElement>> RelatedAsync(long id)
    {
        var response = await Public.GetAsync($"/v1/articles/{id}/related?limit=20");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static List<long> Ids(IEnumerable<JsonElement> items) => [.. items.Select(i => i.GetProperty("id").GetInt64())];

    private Task<int> SchedulerPassAsync() =>
        Factory.Services.GetRequiredService<ScheduledPublisher>().PublishDueAsync(CancellationToken.None);

    [Test]
    public async Task A_draft_is_not_searchable_until_it_is_published()
    {
        var id = await CreateAsync(Body("जलप्रपात पर पर्यटक", "पहाड़ी जलप्रपात देखने भीड़ उमड़ी।"));
        Assert.That(await SearchAsync("जलप्रपात"), Does.Not.Contain(id), "draft");
        await ActAsync(id, "publish");
        Assert.That(await SearchAsync("जलप्रपात"), Is.EqualTo(new[] { id }), "published");
    }

    [Test]
    public async Task Editing_the_headline_changes_what_finds_it()
    {
        var id = await CreateAsync(Body("गुलमोहर उत्सव की तैयारी", "शहर में फूलों का मेला लगेगा।"));
        await ActAsync(id, "publish");
        Assert.That(await SearchAsync("गुलमोहर"), Is.EqualTo(new[] { id }));

        var patch = new StringContent("""{ "headline": "कचनार उत्सव की तैयारी" }""", Encoding.UTF8, "application/merge-patch+json");
        await WriteAsync(HttpMethod.Patch, id, "", patch, HttpStatusCode.OK);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("गुलमोहर"), Is.Empty, "the old headline word no longer finds it");
            Assert.That(await SearchAsync("कचनार"), Is.EqualTo(new[] { id }), "the new one does");
            Assert.That(await StatusAsync(id), Is.EqualTo("published"));
        }

        var put = JsonContent.Create(Body("अमलतास उत्सव की तैयारी", "शहर में फूलों का मेला लगेगा।"), options: NewsApiFactory.Json);
        await WriteAsync(HttpMethod.Put, id, "", put, HttpStatusCode.OK);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("कचनार"), Is.Empty);
            Assert.That(await SearchAsync("अमलतास"), Is.EqualTo(new[] { id }));
        }
    }

    [Test]
    public async Task Editing_the_body_changes_what_finds_it()
    {
        var id = await CreateAsync(Body("बाज़ार का हाल", "सर्राफा बाज़ार में चांदी चमकी।"));
        await ActAsync(id, "publish");
        Assert.That(await SearchAsync("चांदी"), Is.EqualTo(new[] { id }));
        var patch = new StringContent("""{ "body": "<p>सर्राफा बाज़ार में तांबा चमका।</p>" }""", Encoding.UTF8, "application/merge-patch+json");
        await WriteAsync(HttpMethod.Patch, id, "", patch, HttpStatusCode.OK);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("चांदी"), Is.Empty);
            Assert.That(await SearchAsync("तांबा"), Is.EqualTo(new[] { id }));
        }
    }

    [TestCase("unpublish", "ढोलक")]
    [TestCase("archive", "सारंगी")]
    [TestCase("delete", "शहनाई")]
    public async Task Leaving_the_public_removes_it_from_search(string action, string word)
    {
        var id = await CreateAsync(Body(word + " वादन की संध्या", "कलाकार ने " + word + " बजाई।"));
        await ActAsync(id, "publish");
        Assert.That(await SearchAsync(word), Is.EqualTo(new[] { id }));
        if (action == "delete") await WriteAsync(HttpMethod.Delete, id, "", null, HttpStatusCode.NoContent);
        else await ActAsync(id, action);
        Assert.That(await SearchAsync(word), Is.Empty);
        if (action == "delete") return;

        await ActAsync(id, "publish");
        Assert.That(await SearchAsync(word), Is.EqualTo(new[] { id }), "published again, found again");
    }

    [Test]
    public async Task A_scheduled_article_is_searchable_once_the_scheduler_publishes_it()
    {
        var at = Clock.GetUtcNow().AddHours(1);
        var id = await CreateAsync(Body("सितार महोत्सव की घोषणा", "संगीत प्रेमियों के लिए सितार संध्या।"));
        await ActAsync(id, "publish", new { publishAt = at });
        Assert.That(await StatusAsync(id), Is.EqualTo("scheduled"));
        await SchedulerPassAsync();
        Assert.That(await SearchAsync("सितार"), Is.Empty, "scheduled, not yet due");

        Clock.SetUtcNow(at.AddSeconds(1));
        await SchedulerPassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StatusAsync(id), Is.EqualTo("published"));
            Assert.That(await SearchAsync("सितार"), Is.EqualTo(new[] { id }));
        }
    }

    [Test]
    public async Task An_unpublished_schedule_never_becomes_searchable()
    {
        var at = Clock.GetUtcNow().AddMinutes(30);
        var id = await CreateAsync(Body("तबला कार्यशाला", "बच्चों ने तबला सीखा।"));
        await ActAsync(id, "publish", new { publishAt = at });
        await ActAsync(id, "unpublish");
        Clock.SetUtcNow(at.AddSeconds(1));
        await SchedulerPassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await StatusAsync(id), Is.EqualTo("draft"));
            Assert.That(await SearchAsync("तबला"), Is.Empty);
        }
    }

    [Test]
    public async Task An_embargoed_article_is_searchable_only_after_the_embargo_and_a_scheduler_pass()
    {
        var until = Clock.GetUtcNow().AddHours(2);
        var id = await CreateAsync(Body("बजट के प्रस्ताव लीक नहीं", "वित्त मंत्रालय ने बजटीय प्रस्ताव तैयार किए।", embargoUntil: until));
        await ActAsync(id, "publish");
        Assert.That(await StatusAsync(id), Is.EqualTo("published"));
        await SchedulerPassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("बजटीय"), Is.Empty, "embargoed");
            Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        Clock.SetUtcNow(until.AddSeconds(1));
        await SchedulerPassAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await SearchAsync("बजटीय"), Is.EqualTo(new[] { id }), "embargo over");
            Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Setting_an_embargo_on_a_published_article_takes_it_out_of_search()
    {
        var id = await CreateAsync(Body("चुनावी सर्वेक्षण के नतीजे", "एजेंसी ने मतसर्वेक्षण जारी किया।"));
        await ActAsync(id, "publish");
        Assert.That(await SearchAsync("मतसर्वेक्षण"), Is.EqualTo(new[] { id }));
        var until = Clock.GetUtcNow().AddHours(1);
        var patch = new StringContent($$"""{ "embargoUntil": "{{until:yyyy-MM-ddTHH:mm:ssZ}}" }""", Encoding.UTF8, "application/merge-patch+json");
        await WriteAsync(HttpMethod.Patch, id, "", patch, HttpStatusCode.OK);
        Assert.That(await SearchAsync("मतसर्वेक्षण"), Is.Empty);
        Clock.SetUtcNow(until.AddSeconds(1));
        await SchedulerPassAsync();
        Assert.That(await SearchAsync("मतसर्वेक्षण"), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task Related_stories_never_show_drafts_scheduled_or_embargoed_articles()
    {
        string[] tags = ["जलवायु सम्मेलन", "हिमनद"];
        const string text = "हिमनद पिघलने पर जलवायु सम्मेलन में चिंता जताई गई।";
        var main = await CreateAsync(Body("हिमनद पर जलवायु सम्मेलन", text, tags));
        await ActAsync(main, "publish");
        var visible = await CreateAsync(Body("हिमनद संकट पर रिपोर्ट", text, tags));
        await ActAsync(visible, "publish");
        var draft = await CreateAsync(Body("हिमनद पर मसौदा", text, tags));
        var until = Clock.GetUtcNow().AddHours(3);
        var embargoed = await CreateAsync(Body("हिमनद पर प्रतिबंधित रिपोर्ट", text, tags, embargoUntil: until));
        await ActAsync(embargoed, "publish");
        var scheduled = await CreateAsync(Body("हिमनद पर आगामी रिपोर्ट", text, tags));
        await ActAsync(scheduled, "publish", new { publishAt = until.AddHours(1) });
        // Curating them does not show them either.
        var curate = JsonContent.Create(new { articleIds = new[] { draft, embargoed, scheduled, visible } }, options: NewsApiFactory.Json);
        await WriteAsync(HttpMethod.Put, main, "/related", curate, HttpStatusCode.OK);

        var related = await RelatedAsync(main);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ids(related), Is.EqualTo(new[] { visible }));
            Assert.That(related[0].GetProperty("reason").GetString(), Is.EqualTo("curated"));
            Assert.That((await Public.GetAsync($"/v1/articles/{draft}/related")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Public.GetAsync($"/v1/articles/{embargoed}/related")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        // Without curation, the topic ranking must not show them either.
        await WriteAsync(HttpMethod.Put, main, "/related", JsonContent.Create(new { articleIds = Array.Empty<long>() }, options: NewsApiFactory.Json), HttpStatusCode.OK);
        related = await RelatedAsync(main);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Ids(related), Is.EqualTo(new[] { visible }));
            Assert.That(related[0].GetProperty("reason").GetString(), Is.AnyOf("topic", "text"));
        }

        Clock.SetUtcNow(until.AddSeconds(1));
        await SchedulerPassAsync();
        Assert.That(Ids(await RelatedAsync(main)), Is.EquivalentTo(new[] { visible, embargoed }), "embargo over; the scheduled one is not due yet");

        Clock.SetUtcNow(until.AddHours(1).AddSeconds(1));
        await SchedulerPassAsync();
        Assert.That(Ids(await RelatedAsync(main)), Is.EquivalentTo(new[] { visible, embargoed, scheduled }), "all public now");
        Assert.That(Ids(await RelatedAsync(main)), Does.Not.Contain(draft).And.Not.Contain(main));
    }
}
