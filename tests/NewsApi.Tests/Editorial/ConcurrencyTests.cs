using Microsoft.Extensions.DependencyInjection;
using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Optimistic concurrency on article writes: If-Match is required (428), a stale one is refused
/// (412), and of many concurrent writers with the same ETag exactly one wins.</summary>
[TestFixture]
public sealed class ConcurrencyTests : ApiTestBase
{
    protected override string EditorKeyName => "संपादक";

    [Test]
    public async Task Twenty_concurrent_patches_with_the_same_etag_let_exactly_one_win()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("समवर्ती संपादन की मूल ख़बर"));
        Assert.That(etag, Is.EqualTo("\"1\""));
        var headlines = Enumerable.Range(1, 20).Select(i => $"संपादक संख्या {DevanagariNumber(i)} का शीर्षक").ToArray();

        var responses = await Task.WhenAll(headlines.Select(h => PatchAsync(Editor, id, new { headline = h }, etag)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        var winners = Enumerable.Range(0, 20).Where(i => statuses[i] == 200).ToList();
        var (stored, storedETag) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(s => s == 200), Is.EqualTo(1), string.Join("\n", bodies));
            Assert.That(statuses.Count(s => s == 412), Is.EqualTo(19), string.Join("\n", bodies));
            Assert.That(winners, Has.Count.EqualTo(1));
        }
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo(headlines[winners[0]]));
            Assert.That(stored.GetProperty("version").GetInt64(), Is.EqualTo(2));
            Assert.That(storedETag, Is.EqualTo("\"2\""));
            Assert.That(ETagOf(responses[winners[0]]), Is.EqualTo("\"2\""));
            Assert.That(await CountRevisionsAsync(Editor, id), Is.EqualTo(2), "create + the one winning patch");
        }
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
            await loser.AssertProblemAsync(412);
    }

    [Test]
    public async Task Concurrent_creates_with_the_same_explicit_slug_let_one_have_it_and_the_rest_get_409()
    {
        var bodies = Enumerable.Range(1, 10).Select(i =>
        {
            var input = FullArticle($"एक ही स्लग की होड़ {DevanagariNumber(i)}");
            input["slug"] = "होड़-वाला-स्लग";
            return input;
        });

        var responses = await Task.WhenAll(bodies.Select(b => CreateAsync(Editor, b)));

        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.That(statuses.Count(s => s == 201), Is.EqualTo(1), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == 409), Is.EqualTo(9), string.Join(", ", statuses));
        foreach (var conflict in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
        {
            var problem = await conflict.AssertProblemAsync(409);
            Assert.That(problem.GetProperty("suggestion").GetString(), Does.StartWith("होड़-वाला-स्लग-"));
        }
    }

    [Test]
    public async Task Concurrent_creates_with_the_same_headline_and_a_new_tag_get_distinct_slugs_and_one_tag()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            CreateAsync(Editor, FullArticle("एक साथ आई दस ख़बरें", tags: ["समवर्ती नया टैग"]))));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", bodies));
        var articles = await Task.WhenAll(responses.Select(r => r.JsonAsync()));
        var slugs = articles.Select(a => a.GetProperty("slug").GetString()).ToList();
        var tagSlugs = articles.Select(a => a.GetProperty("tags")[0].GetProperty("slug").GetString()).Distinct().ToList();
        // The articles are drafts, so the public tag list does not show the tag; count what is stored.
        await using var connection = await Factory.Services.GetRequiredService<NewsApi.Data.Db>().OpenAsync();
        var storedTags = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM tags WHERE name = 'समवर्ती नया टैग'");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(slugs, Is.Unique);
            Assert.That(slugs, Is.EquivalentTo(new[] { "एक-साथ-आई-दस-ख़बरें" }.Concat(Enumerable.Range(2, 9).Select(n => $"एक-साथ-आई-दस-ख़बरें-{n}"))));
            Assert.That(tagSlugs, Is.EqualTo(new[] { "समवर्ती-नया-टैग" }));
            Assert.That(storedTags, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_concurrent_patch_and_delete_with_the_same_ETag_cannot_both_succeed()
    {
        for (var round = 0; round < 5; round++)
        {
            var (id, etag) = await CreatedAsync(Editor, FullArticle($"पैच या हटाना {DevanagariNumber(round)}"));

            var results = await Task.WhenAll(
                PatchAsync(Editor, id, new { headline = "पैच जीता" }, etag),
                DeleteAsync(Editor, id, etag));

            var (patch, delete) = (results[0].StatusCode, results[1].StatusCode);
            var stored = await Editor.GetAsync($"{ArticlesUrl}/{id}");
            if (patch == HttpStatusCode.OK)
            {
                Assert.That(delete, Is.EqualTo(HttpStatusCode.PreconditionFailed), await results[1].Content.ReadAsStringAsync());
                Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }
            else
            {
                Assert.That(delete, Is.EqualTo(HttpStatusCode.NoContent), await results[1].Content.ReadAsStringAsync());
                Assert.That(patch, Is.EqualTo(HttpStatusCode.PreconditionFailed).Or.EqualTo(HttpStatusCode.NotFound), await results[0].Content.ReadAsStringAsync());
                Assert.That(stored.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            }
        }
    }

    [TestCase("PUT")]
    [TestCase("PATCH")]
    [TestCase("DELETE")]
    public async Task A_write_without_If_Match_answers_428_and_changes_nothing(string method)
    {
        var (id, _) = await CreatedAsync(Editor, FullArticle("बिना शर्त के बदलाव की कोशिश"));

        var response = await WriteAsync(method, id, ifMatch: null);

        await response.AssertProblemAsync(428);
        var (stored, etag) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("बिना शर्त के बदलाव की कोशिश"));
            Assert.That(etag, Is.EqualTo("\"1\""));
        }
    }

    [TestCase("PUT", "\"7\"")]
    [TestCase("PATCH", "\"7\"")]
    [TestCase("DELETE", "\"7\"")]
    [TestCase("PUT", "\"1\"")]
    [TestCase("PATCH", "\"1\"")]
    [TestCase("DELETE", "\"1\"")]
    [TestCase("PATCH", "W/\"2\"")]
    [TestCase("PATCH", "2")]
    public async Task A_write_with_a_stale_or_unusable_ETag_answers_412_and_changes_nothing(string method, string ifMatch)
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("पुराने ईटैग के साथ बदलाव"));
        var edited = await PatchAsync(Editor, id, new { subheadline = "पहला बदलाव" }, etag);
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());

        var response = await WriteAsync(method, id, ifMatch);

        await response.AssertProblemAsync(412);
        var (stored, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("पुराने ईटैग के साथ बदलाव"));
            Assert.That(stored.GetProperty("subheadline").GetString(), Is.EqualTo("पहला बदलाव"));
            Assert.That(current, Is.EqualTo("\"2\""));
        }
    }

    [Test]
    public async Task The_current_ETag_in_a_list_of_candidates_is_accepted()
    {
        var (id, _) = await CreatedAsync(Editor, FullArticle("कई ईटैग वाला अनुरोध"));

        var response = await PatchAsync(Editor, id, new { headline = "कई ईटैग वाला अनुरोध सफल" }, "\"9\", \"1\"");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(ETagOf(response), Is.EqualTo("\"2\""));
    }

    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("application/json-patch+json")]
    public async Task Patch_with_another_content_type_than_merge_patch_answers_415(string contentType)
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("ग़लत मीडिया टाइप"));

        var response = await PatchAsync(Editor, id, new { headline = "बदला हुआ" }, etag, contentType);

        await response.AssertProblemAsync(415);
        var (stored, current) = await GetAdminWithETagAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("ग़लत मीडिया टाइप"));
            Assert.That(current, Is.EqualTo("\"1\""));
        }
    }

    [Test]
    public async Task Patch_without_a_body_content_type_answers_415()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("बिना मीडिया टाइप"));
        var request = new HttpRequestMessage(HttpMethod.Patch, $"{ArticlesUrl}/{id}");
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        var response = await Editor.SendAsync(request);

        await response.AssertProblemAsync(415);
    }

    [Test]
    public async Task A_write_to_an_unknown_article_answers_404_even_with_If_Match()
    {
        foreach (var method in new[] { "PUT", "PATCH", "DELETE" })
        {
            var response = await WriteAsync(method, 987_654, "\"1\"");
            await response.AssertProblemAsync(404);
        }
    }

    private Task<HttpResponseMessage> WriteAsync(string method, long id, string? ifMatch) => method switch
    {
        "PUT" => PutAsync(Editor, id, FullArticle("पूरा बदला गया शीर्षक"), ifMatch),
        "PATCH" => PatchAsync(Editor, id, new { headline = "आंशिक रूप से बदला गया शीर्षक" }, ifMatch),
        "DELETE" => DeleteAsync(Editor, id, ifMatch),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}
