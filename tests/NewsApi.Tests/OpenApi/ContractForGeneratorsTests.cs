using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.OpenApi;

/// <summary>What client generators need from the contract (issue 14): security, sparse answers, closed sets,
/// bounds, headers, HEAD, examples. Each rule is checked over every operation it applies to, so routes added
/// later are held to it too.</summary>
[TestFixture]
public sealed class ContractForGeneratorsTests : ApiTestBase
{
    protected override Contents StartWith => Contents.None;

    private async Task<JsonNode> DocAsync() => JsonNode.Parse(await Public.GetStringAsync("/swagger/v1/swagger.json"))!;

    private static IEnumerable<(string Path, string Method, JsonNode Op)> Operations(JsonNode doc) =>
        doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (p.Key, o.Key, o.Value!)));

    private static List<string> Schemes(JsonNode op) =>
        op["security"]!.AsArray().Select(r => r!.AsObject().Select(k => k.Key).FirstOrDefault() ?? "none").ToList();

    [Test]
    public async Task Admin_and_partner_operations_need_a_key_the_content_api_may_and_every_operation_says_which()
    {
        var doc = await DocAsync();
        Assert.That(doc["components"]!["securitySchemes"]!.AsObject().Select(s => s.Key), Is.EquivalentTo(new[] { "bearer", "apiKey" }));
        foreach (var (path, method, op) in Operations(doc))
        {
            Assert.That(op["security"], Is.Not.Null, $"{method} {path}");
            if (path.StartsWith("/v1/admin", StringComparison.Ordinal) || path.StartsWith("/v1/syndication", StringComparison.Ordinal))
                Assert.That(Schemes(op), Is.EqualTo(new[] { "bearer", "apiKey" }), $"{method} {path}");
            else if (path.StartsWith("/v1/articles", StringComparison.Ordinal))
                Assert.That(Schemes(op), Is.EqualTo(new[] { "none", "bearer", "apiKey" }), $"{method} {path}");
        }
    }

    [TestCase("/v1/articles/{id}", "Article")]
    [TestCase("/v1/articles/slug/{slug}", "Article")]
    [TestCase("/v1/articles", "PageOfArticle")]
    public async Task Operations_with_fields_answer_the_full_schema_or_its_sparse_one(string path, string schema)
    {
        var doc = await DocAsync();
        var options = doc["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["anyOf"]!.AsArray()
            .Select(o => o!["$ref"]!.GetValue<string>()).ToList();
        Assert.That(options, Is.EqualTo(new[] { $"#/components/schemas/{schema}", $"#/components/schemas/{schema}Fields" }));
        Assert.That(doc["components"]!["schemas"]!["ArticleFields"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EqualTo(new[] { "id" }));
        var fields = doc["paths"]![path]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "fields")!;
        Assert.That(fields["explode"]!.GetValue<bool>(), Is.False);
        Assert.That(fields["schema"]!["items"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()), Does.Contain("headline").And.Contain("body"));
    }

    [TestCase("ApiKeyInfo", "role")]
    [TestCase("CreatedKey", "role")]
    [TestCase("BodyBlock", "type")]
    public async Task Closed_sets_are_enums(string schema, string property)
    {
        var doc = await DocAsync();
        Assert.That(doc["components"]!["schemas"]![schema]!["properties"]![property]!["enum"], Is.Not.Null);
    }

    [Test]
    public async Task Every_limit_has_bounds_every_get_a_head_and_headers_are_declared()
    {
        var doc = await DocAsync();
        var ops = Operations(doc).ToList();
        foreach (var (path, method, op) in ops)
        {
            var where = $"{method} {path}";
            var parameters = op["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
            if (parameters.FirstOrDefault(p => p["name"]!.GetValue<string>() == "limit") is { } limit)
                Assert.That((limit["schema"]!["minimum"], limit["schema"]!["maximum"]), Is.Not.EqualTo(((JsonNode?)null, (JsonNode?)null)), where);
            if (method == "get")
                Assert.That(ops.Any(o => o.Path == path && o.Method == "head"), Is.True, where);
            var responses = op["responses"]!.AsObject();
            foreach (var status in new[] { "201", "301" }.Where(responses.ContainsKey))
                Assert.That(responses[status]!["headers"]?["Location"], Is.Not.Null, $"{where} {status}");
            if (method == "get" && parameters.Any(p => p["name"]!.GetValue<string>() == "cursor"))
                Assert.That(responses["200"]!["headers"]?["Link"], Is.Not.Null, where);
            if (method is "put" or "patch" && responses.ContainsKey("428") && responses.ContainsKey("200"))
                Assert.That(responses["200"]!["headers"]?["ETag"], Is.Not.Null, where);
            Assert.That(op["description"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, where);
        }
        Assert.That(doc["paths"]!["/health/ready"]!["get"], Is.Not.Null);
        Assert.That(doc["servers"]!.AsArray(), Is.Not.Empty);
    }

    [Test]
    public async Task Hindi_examples_come_from_the_seed_page()
    {
        var doc = await DocAsync();
        var article = doc["components"]!["schemas"]!["Article"]!["properties"]!;
        Assert.That(article["dateline"]!["examples"]![0]!.GetValue<string>(), Is.EqualTo("सियोल"));
        Assert.That(article["headline"]!["examples"]![0]!.GetValue<string>(), Does.StartWith("अलास्का शिखर सम्मेलन"));
    }
}
