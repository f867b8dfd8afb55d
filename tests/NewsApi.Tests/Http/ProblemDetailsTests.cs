using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>Client mistakes answer as problem+json with a type link, a detail in the client's terms (never a
/// .NET type name) and, where one field is at fault, that field in <c>errors</c> — the same for a POST, a PUT
/// and a merge patch with the same mistake.</summary>
[TestFixture]
public sealed class ProblemDetailsTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    private static void AssertPlainWords(JsonElement problem)
    {
        var text = problem.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Not.Contain("System."), text);
            Assert.That(text, Does.Not.Contain("NewsApi."), text);
            Assert.That(text, Does.Not.Contain("Nullable"), text);
            Assert.That(problem.GetProperty("type").GetString(), Does.StartWith("https://"), text);
            Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Empty, text);
        }
    }

    [TestCase("/v1/articles?limit=abc", "limit")]
    [TestCase("/v1/articles?limit=99999999999", "limit")]
    [TestCase("/v1/articles?publishedAfter=कल", "publishedAfter")]
    [TestCase("/v1/articles/abc", "id")]
    [TestCase("/v1/articles/%E0%A4%95/related", "id")]
    public async Task Unparseable_query_and_route_values_name_their_field(string url, string field)
    {
        var problem = await (await Public.GetAsync(url)).AssertProblemAsync(400);
        AssertPlainWords(problem);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("{\"headline\":\"चुनाव\",\"section\":\"desh\",\"body\":\"<p>x</p>\",\"image\":{\"url\":\"https://x.in/a.jpg\",\"width\":\"चौड़ा\"}}", "image.width")]
    [TestCase("{\"headline\":\"चुनाव\",\"section\":\"desh\",\"body\":\"<p>x</p>\",\"image\":{\"url\":\"https://x.in/a.jpg\",\"width\":99999999999}}", "image.width")]
    [TestCase("{\"headline\":\"चुनाव\",\"section\":\"desh\",\"body\":\"<p>x</p>\",\"id\":7}", "id")]
    [TestCase("{\"headline\":\"चुनाव\",\"section\":\"desh\",\"body\":\"<p>x</p>\",\"tags\":\"एक\"}", "tags")]
    public async Task A_body_member_of_the_wrong_type_is_named_alike_by_post_and_patch(string json, string field)
    {
        var post = await Editor.PostAsync("/v1/admin/articles", new StringContent(json, Encoding.UTF8, "application/json"));
        var postProblem = await post.AssertProblemAsync(400);
        AssertPlainWords(postProblem);
        Assert.That(postProblem.GetProperty("errors").TryGetProperty(field, out var postMessages), Is.True, postProblem.ToString());

        var draft = await CreateDraftAsync(Editor, Article("त्रुटि जाँच की ख़बर"));
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/admin/articles/{draft.GetProperty("id").GetInt64()}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("If-Match", ETag(draft.GetProperty("version").GetInt64()));
        var patchProblem = await (await Editor.SendAsync(patch)).AssertProblemAsync(400);
        AssertPlainWords(patchProblem);
        Assert.That(patchProblem.GetProperty("errors").TryGetProperty(field, out var patchMessages), Is.True, patchProblem.ToString());
        Assert.That(patchMessages.ToString(), Is.EqualTo(postMessages.ToString()));
    }

    [TestCase("/v1/admin/articles", "[]")]
    [TestCase("/v1/admin/articles", "\"शीर्षक\"")]
    [TestCase("/v1/admin/articles", "42")]
    [TestCase("/v1/admin/keys", "[]")]
    public async Task A_body_that_is_not_an_object_says_so_in_plain_words(string url, string json)
    {
        var problem = await (await Admin.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"))).AssertProblemAsync(400);
        AssertPlainWords(problem);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("JSON object"));
    }

    [TestCase("/v1/articles/%22", "id")]
    [TestCase("/v1/articles?limit=a%22b", "limit")]
    public async Task A_quote_in_a_bad_value_is_still_named_plainly(string url, string field)
    {
        var problem = await (await Public.GetAsync(url)).AssertProblemAsync(400);
        AssertPlainWords(problem);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [Test]
    public async Task Malformed_json_and_a_missing_body_say_so()
    {
        var broken = await Editor.PostAsync("/v1/admin/articles", new StringContent("{\"headline\": \"अधूरा", Encoding.UTF8, "application/json"));
        var problem = await broken.AssertProblemAsync(400);
        AssertPlainWords(problem);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("not valid JSON"));

        var empty = await Editor.PostAsync("/v1/admin/articles", new StringContent("", Encoding.UTF8, "application/json"));
        var none = await empty.AssertProblemAsync(400);
        AssertPlainWords(none);
    }

    [Test]
    public async Task Framework_answers_carry_a_type_and_a_detail_too()
    {
        var problems = new List<JsonElement>
        {
            await (await Public.GetAsync("/v1/articles?limit=0")).AssertProblemAsync(400),
            await (await Public.GetAsync("/v1/no-such-thing")).AssertProblemAsync(404),
            await (await Public.DeleteAsync("/v1/articles")).AssertProblemAsync(405),
            await (await Editor.PostAsync("/v1/admin/articles", new StringContent("शीर्षक", Encoding.UTF8, "text/plain"))).AssertProblemAsync(415),
            await (await Editor.PutAsJsonAsync("/v1/admin/tags/" + Uri.EscapeDataString("कोई-टैग"), new { name = "x" })).AssertProblemAsync(404),
        };
        var draft = await CreateDraftAsync(Editor, Article("शर्त वाली ख़बर"));
        problems.Add(await (await Editor.PutAsJsonAsync($"/v1/admin/articles/{draft.GetProperty("id").GetInt64()}", Article("बदली ख़बर"), NewsApiFactory.Json)).AssertProblemAsync(428));
        foreach (var problem in problems) AssertPlainWords(problem);
    }
}
