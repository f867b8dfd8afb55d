using System.Net;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Articles;

/// <summary>A one-line request cannot ask for more article bodies than <c>ContentApi:MaxBodiesPerPage</c>
/// (limit × body formats): every answer is held whole in memory for its ETag, so this bounds what one costs.</summary>
[TestFixture]
public sealed class ListBudgetTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    [TestCase("limit=100&formats=html,text,blocks", "limit=33")]
    [TestCase("limit=100&formats=html,text", "limit=50")]
    [TestCase("limit=34&formats=html,text,blocks", "limit=33")]
    public async Task A_page_with_more_bodies_than_the_budget_is_400_naming_limit(string query, string advice)
    {
        var problem = await (await Public.GetAsync("/v1/articles?" + query)).AssertProblemAsync(400);
        var message = problem.GetProperty("errors").GetProperty("limit")[0].GetString();
        Assert.That(message, Does.Contain("ContentApi:MaxBodiesPerPage").And.Contain(advice), problem.ToString());
    }

    [TestCase("limit=100")]
    [TestCase("limit=100&formats=html")]
    [TestCase("limit=33&formats=html,text,blocks")]
    [TestCase("limit=50&formats=text,blocks")]
    [TestCase("limit=100&formats=html,text,blocks&fields=headline,excerpt")]
    public async Task Pages_within_the_budget_are_answered(string query)
    {
        using var response = await Public.GetAsync("/v1/articles?" + query);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The budget is configurable.</summary>
    [TestFixture]
    public sealed class Configured : ApiTestBase
    {
        protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["ContentApi:MaxBodiesPerPage"] = "10";

        [Test]
        public async Task A_smaller_budget_refuses_a_default_page_with_three_formats()
        {
            await (await Public.GetAsync("/v1/articles?formats=html,text,blocks")).AssertProblemAsync(400);
            Assert.That((await Public.GetAsync("/v1/articles?limit=10")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Public.GetAsync("/v1/articles?limit=3&formats=html,text,blocks")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
    }
}
