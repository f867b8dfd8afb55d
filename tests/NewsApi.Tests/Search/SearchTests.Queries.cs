using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Search;

/// <summary>SearchTests for queries that look like FTS5 or SQL syntax, raw bytes, and the limits of a query.</summary>
public sealed partial class SearchTests
{
    [TestCase("\"")]
    [TestCase("\"\"")]
    [TestCase("\"unbalanced")]
    [TestCase("\"पुतिन")]
    [TestCase("AND")]
    [TestCase("OR")]
    [TestCase("NOT")]
    [TestCase("a AND OR b")]
    [TestCase("पुतिन NOT")]
    [TestCase("NEAR(a b)")]
    [TestCase("NEAR(पुतिन बैठक, 2)")]
    [TestCase("*")]
    [TestCase("पुत*")]
    [TestCase("^पुतिन")]
    [TestCase("(((")]
    [TestCase(")")]
    [TestCase("headline:पुतिन")]
    [TestCase("{headline}:x")]
    [TestCase("{headline excerpt}: पुतिन")]
    [TestCase("-")]
    [TestCase("+")]
    [TestCase("\\")]
    [TestCase("'; DROP TABLE articles; --")]
    [TestCase("%")]
    [TestCase("_")]
    [TestCase("पुतिन'")]
    [TestCase("\u0000")]
    [TestCase("\u200D")]
    [TestCase("\u093F")]
    public async Task Query_syntax_is_never_a_500(string q)
    {
        var response = await Public.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q));
        await AssertOkOrValidationProblemAsync(response);
    }

    [TestCase("%ED%A0%80", TestName = "Lone_surrogate_is_never_a_500")]
    [TestCase("%00", TestName = "Nul_is_never_a_500")]
    [TestCase("%FF%FE", TestName = "Invalid_utf8_is_never_a_500")]
    [TestCase("%E0%A4", TestName = "Truncated_utf8_is_never_a_500")]
    [TestCase("%E0%A4%AA%E0%A5%81%E0%A4%A4%ED%A0%80%E0%A4%BF%E0%A4%A8", TestName = "Lone_surrogate_inside_a_word_is_never_a_500")]
    public async Task Raw_query_bytes_are_never_a_500(string encoded)
    {
        var response = await Public.GetAsync("/v1/search?q=" + encoded);
        await AssertOkOrValidationProblemAsync(response);
    }

    private static async Task AssertOkOrValidationProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.BadRequest), body);
        if (response.StatusCode == HttpStatusCode.OK)
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("items").ValueKind, Is.EqualTo(JsonValueKind.Array));
        else
            await response.AssertProblemAsync(400);
    }

    [Test]
    public async Task Operators_are_searched_as_words()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await IdsAsync("पुतिन OR पत्नी"), Is.Empty, "OR is a word, and the words must all match");
            Assert.That(await IdsAsync("\"पुतिन\""), Is.EqualTo(new[] { _putin }));
            Assert.That(await IdsAsync("पुतिन*"), Is.EqualTo(new[] { _putin }));
            Assert.That(await IdsAsync("पुत*"), Is.Empty, "* is not a prefix operator");
            Assert.That(await IdsAsync("headline:पुतिन"), Is.Empty, "column filters are words too");
        }
    }

    [Test]
    public async Task A_query_of_200_characters_is_allowed_and_201_is_not()
    {
        var q200 = string.Concat(Enumerable.Repeat("पुतिन ", 40))[..200];
        Assert.That(q200, Has.Length.EqualTo(200));
        var ok = await Public.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q200));
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
        var tooLong = await Public.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q200 + "क"));
        var problem = await tooLong.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("q", out _), Is.True, problem.ToString());
    }

    [TestCase("/v1/search", TestName = "Missing_q_is_a_400")]
    [TestCase("/v1/search?q=", TestName = "Empty_q_is_a_400")]
    [TestCase("/v1/search?q=%20%20%09", TestName = "Whitespace_q_is_a_400")]
    [TestCase("/v1/search?q=%E0%A5%A4%E2%80%98%E2%80%99", TestName = "Punctuation_only_q_is_a_400")]
    public async Task A_query_without_words_is_a_400(string url)
    {
        var problem = await (await Public.GetAsync(url)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("q", out _), Is.True, problem.ToString());
    }
}
