using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Articles;

[TestFixture]
public sealed class SlugHistoryTests : ApiTestBase
{
    [Test]
    public async Task An_old_slug_answers_301_to_the_current_one()
    {
        var article = await PublishedAsync(Editor, Article("किम ने पुतिन से बात की"), new DateTimeOffset(2025, 8, 13, 9, 30, 0, TimeSpan.Zero));
        Assert.That(article.GetProperty("slug").GetString(), Is.EqualTo("किम-ने-पुतिन-से-बात-की"));

        var id = article.GetProperty("id").GetInt64();
        using var renamed = await PutAsync(Editor, id, Article("किम ने पुतिन से बात की").With("slug", "किम-पुतिन-वार्ता"), ETag(article.GetProperty("version").GetInt64()));
        Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renamed.Content.ReadAsStringAsync());
        Assert.That((await renamed.JsonAsync()).GetProperty("slug").GetString(), Is.EqualTo("किम-पुतिन-वार्ता"));

        var response = await Public.GetAsync("/v1/articles/slug/" + Uri.EscapeDataString("किम-ने-पुतिन-से-बात-की") + "?fields=headline");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MovedPermanently));
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/v1/articles/slug/" + Uri.EscapeDataString("किम-पुतिन-वार्ता") + "?fields=headline"));
        var current = await Public.GetAsync(response.Headers.Location);
        Assert.That(current.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_raw_control_character_in_the_query_of_an_old_slug_is_encoded_in_the_redirect_not_a_500()
    {
        var (id, etag) = await CreatedAsync(Editor, Article("नियंत्रण वर्ण की जाँच").With("slug", "नियंत्रण-पुराना"));
        var published = await PublishWithETagAsync(Editor, id, etag);
        using (var renamed = await PatchAsync(Editor, id, new { slug = "नियंत्रण-नया" }, published)) Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // Sent as the raw bytes a hand-made request carries: an HttpClient would encode the CR itself.
        var context = await Factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/v1/articles/slug/" + "नियंत्रण-पुराना";
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?x=a\rb&fields=headline");
        });
        // No query parameter takes control characters: the query is refused before routing (QueryTextMiddleware), so
        // no Location is ever built from it; before that check the 301 re-encoded it, and before that it was a 500.
        Assert.That(context.Response.StatusCode, Is.EqualTo(400));
        Assert.That(context.Response.ContentType, Does.StartWith("application/problem+json"));
        Assert.That(context.Response.Headers.Location.ToString(), Is.Empty);
    }

    [Test]
    public async Task A_derived_slug_that_is_taken_gets_a_numeric_suffix()
    {
        var first = await CreateDraftAsync(Editor, Article("मौसम का हाल"));
        var second = await CreateDraftAsync(Editor, Article("मौसम का हाल"));
        Assert.That(new[] { first, second }.Select(a => a.GetProperty("slug").GetString()), Is.EqualTo(new[] { "मौसम-का-हाल", "मौसम-का-हाल-2" }));
    }
}
