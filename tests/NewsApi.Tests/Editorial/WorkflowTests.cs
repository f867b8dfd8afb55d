using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>draft → scheduled → published → archived over HTTP: allowed moves, refused moves (409), who may make them.</summary>
[TestFixture]
public sealed partial class WorkflowTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private HttpClient _author = null!;
    private int _headlines;

    protected override DateTimeOffset? ClockStart => T0;

    protected override async Task ArrangeAsync() => _author = await ClientAsync("author", "ravi");

    private async Task<long> DraftAsync(HttpClient? client = null)
    {
        var n = Interlocked.Increment(ref _headlines);
        var draft = await CreateDraftAsync(client ?? Editor, Article($"कार्यप्रवाह की खबर {n}", "desh", ["कार्यप्रवाह"]));
        return draft.GetProperty("id").GetInt64();
    }

    /// <summary>A draft taken through <paramref name="steps"/> (publish, publish-future, unpublish, archive).</summary>
    private async Task<long> ArticleInStateAsync(params string[] steps)
    {
        var id = await DraftAsync();
        foreach (var step in steps)
        {
            _ = step switch
            {
                "publish" => await PublishAsync(Editor, id),
                "publish-future" => await PublishAsync(Editor, id, T0.AddDays(1)),
                _ => await TransitionOkAsync(Editor, id, step),
            };
        }
        return id;
    }

    [Test]
    public async Task Publish_without_a_time_publishes_now_and_answers_the_new_version()
    {
        var id = await DraftAsync();
        var response = await TransitionAsync(Editor, id, "publish");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(T0));
            Assert.That(article.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo("\"2\""));
            Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Publish_with_a_past_publishAt_back_dates_publishedAt()
    {
        var id = await DraftAsync();
        var past = T0.AddDays(-2).AddMinutes(17);
        var article = await PublishAsync(Editor, id, past);
        var teasers = await (await Public.GetAsync($"/v1/teasers?publishedBefore={Uri.EscapeDataString(T0.AddDays(-1).ToString("O"))}")).JsonAsync();
        var publicArticle = await (await Public.GetAsync($"/v1/articles/{id}")).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("published"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(past));
            Assert.That(Time(publicArticle.GetProperty("publishedAt")), Is.EqualTo(past));
            Assert.That(teasers.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetInt64()), Does.Contain(id));
        }
    }

    [Test]
    public async Task Publish_with_a_future_publishAt_schedules()
    {
        var id = await DraftAsync();
        var at = T0.AddHours(3);
        var article = await PublishAsync(Editor, id, at);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(article.GetProperty("status").GetString(), Is.EqualTo("scheduled"));
            Assert.That(Time(article.GetProperty("publishedAt")), Is.EqualTo(at));
        }
        await (await Public.GetAsync($"/v1/articles/{id}")).AssertProblemAsync(404);
    }

    [Test]
    public async Task PublishAt_with_an_offset_is_stored_and_answered_in_UTC()
    {
        var id = await DraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/articles/{id}/publish")
        {
            Content = new StringContent("{\"publishAt\":\"2025-08-01T14:00:00+05:30\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ETag(1));
        var response = await Editor.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body, Does.Contain("\"publishedAt\":\"2025-08-01T08:30:00Z\""));
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("status").GetString(), Is.EqualTo("scheduled"), "08:30Z is after T0 = 06:00Z");
        }
    }

    [TestCase(new string[0], "unpublish", TestName = "Unpublish_a_draft_is_409")]
    [TestCase(new[] { "publish" }, "publish", TestName = "Publish_a_published_article_is_409")]
    [TestCase(new[] { "archive" }, "archive", TestName = "Archive_an_archived_article_is_409")]
    [TestCase(new[] { "archive" }, "unpublish", TestName = "Unpublish_an_archived_article_is_409")]
    [TestCase(new[] { "publish", "archive" }, "unpublish", TestName = "Unpublish_an_archived_once_published_article_is_409")]
    [TestCase(new[] { "publish", "unpublish" }, "unpublish", TestName = "Unpublish_twice_is_409")]
    public async Task Disallowed_transition_is_409_and_changes_nothing(string[] steps, string action)
    {
        var id = await ArticleInStateAsync(steps);
        var before = await GetAdminAsync(Editor, id);
        var response = await TransitionAsync(Editor, id, action);
        await response.AssertProblemAsync(409);
        var after = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(after.GetProperty("status").GetString(), Is.EqualTo(before.GetProperty("status").GetString()));
            Assert.That(after.GetProperty("version").GetInt64(), Is.EqualTo(before.GetProperty("version").GetInt64()));
        }
    }

    [TestCase(new[] { "publish" }, "unpublish", "draft")]
    [TestCase(new[] { "publish-future" }, "unpublish", "draft")]
    [TestCase(new string[0], "archive", "archived")]
    [TestCase(new[] { "publish" }, "archive", "archived")]
    [TestCase(new[] { "publish-future" }, "archive", "archived")]
    [TestCase(new[] { "archive" }, "publish", "published")]
    [TestCase(new[] { "publish-future" }, "publish", "published")]
    [TestCase(new[] { "publish", "unpublish" }, "publish", "published")]
    public async Task Allowed_transition_reaches_its_status(string[] steps, string action, string status)
    {
        var id = await ArticleInStateAsync(steps);
        var article = await TransitionOkAsync(Editor, id, action);
        Assert.That(article.GetProperty("status").GetString(), Is.EqualTo(status));
    }

    [Test]
    public async Task Unpublish_takes_the_article_out_of_the_public_api()
    {
        var id = await ArticleInStateAsync("publish");
        Assert.That((await Public.GetAsync($"/v1/articles/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await TransitionOkAsync(Editor, id, "unpublish");
        await (await Public.GetAsync($"/v1/articles/{id}")).AssertProblemAsync(404);
    }

    [TestCase("publish")]
    [TestCase("unpublish")]
    [TestCase("archive")]
    public async Task Authors_cannot_move_articles_through_the_workflow_even_their_own(string action)
    {
        var id = await DraftAsync(_author);
        if (action == "unpublish") await PublishAsync(Editor, id);
        var version = await VersionAsync(Editor, id);
        var response = await SendAtVersionAsync(_author, HttpMethod.Post, $"/v1/admin/articles/{id}/{action}", version);
        await response.AssertProblemAsync(403);
        Assert.That((await GetAdminAsync(Editor, id)).GetProperty("version").GetInt64(), Is.EqualTo(version));
    }

    [Test]
    public async Task Authors_cannot_curate_related_stories()
    {
        var id = await DraftAsync(_author);
        var other = await DraftAsync();
        var response = await SendAtVersionAsync(_author, HttpMethod.Put, $"/v1/admin/articles/{id}/related", await VersionAsync(Editor, id), new { articleIds = new[] { other } });
        await response.AssertProblemAsync(403);
    }

    [TestCase("partner")]
    [TestCase("reader")]
    public async Task Partner_and_reader_keys_cannot_publish(string role)
    {
        var id = await DraftAsync();
        using var client = await Keys.ClientForRoleAsync(Factory, role);
        await (await SendAtVersionAsync(client, HttpMethod.Post, $"/v1/admin/articles/{id}/publish", 1)).AssertProblemAsync(403);
    }

    [Test]
    public async Task Publish_without_a_key_is_401_with_a_bearer_challenge()
    {
        var id = await DraftAsync();
        var response = await SendAtVersionAsync(Public, HttpMethod.Post, $"/v1/admin/articles/{id}/publish", 1);
        await response.AssertProblemAsync(401);
        Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"newsapi\""));
    }

    [TestCase("publish")]
    [TestCase("archive")]
    public async Task Transition_without_If_Match_is_428_and_with_a_stale_one_412(string action)
    {
        var id = await DraftAsync();
        await (await SendAtVersionAsync(Editor, HttpMethod.Post, $"/v1/admin/articles/{id}/{action}", null)).AssertProblemAsync(428);
        await (await SendAtVersionAsync(Editor, HttpMethod.Post, $"/v1/admin/articles/{id}/{action}", 7)).AssertProblemAsync(412);
        Assert.That((await GetAdminAsync(Editor, id)).GetProperty("status").GetString(), Is.EqualTo("draft"));
    }

    [TestCase("publish")]
    [TestCase("unpublish")]
    [TestCase("archive")]
    public async Task Transition_of_an_unknown_article_is_404(string action)
    {
        await (await SendAtVersionAsync(Editor, HttpMethod.Post, $"/v1/admin/articles/987654/{action}", 1)).AssertProblemAsync(404);
    }

    [TestCase("{\"status\":\"published\"}")]
    [TestCase("{\"publishAt\":\"tomorrow\"}")]
    [TestCase("{\"publishAt\":")]
    public async Task Publish_with_a_bad_body_is_400(string body)
    {
        var id = await DraftAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/admin/articles/{id}/publish")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", ETag(1));
        await (await Editor.SendAsync(request)).AssertProblemAsync(400);
        Assert.That((await GetAdminAsync(Editor, id)).GetProperty("status").GetString(), Is.EqualTo("draft"));
    }
}
