using System.Text.Json;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.OpenApi;

/// <summary>The committed openapi/newsapi.v1.json is the contract; the running service must serve exactly it.</summary>
[TestFixture]
public sealed class OpenApiContractTests : ApiTestBase
{
    public const string Regenerate = "UPDATE_OPENAPI=1 dotnet test --filter FullyQualifiedName~OpenApiContractTests";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override Contents StartWith => Contents.None;

    private static string ContractPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsApi.sln"))) dir = dir.Parent;
        Assert.That(dir, Is.Not.Null, "repository root (NewsApi.sln) not found above the test binaries");
        return Path.Combine(dir!.FullName, "openapi", "newsapi.v1.json");
    }

    private async Task<JsonNode> ServedAsync() => JsonNode.Parse(await Public.GetStringAsync("/swagger/v1/swagger.json"))!;

    [Test]
    public async Task Served_document_equals_the_committed_contract()
    {
        var served = (await ServedAsync()).ToJsonString(Indented) + "\n";
        var path = ContractPath();
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
            Assert.Pass($"Wrote {path}");
        }
        Assert.That(File.Exists(path), Is.True, $"{path} is missing. Regenerate it with: {Regenerate}");
        var committed = await File.ReadAllTextAsync(path);
        Assert.That(served, Is.EqualTo(committed),
            $"The running service's OpenAPI document differs from openapi/newsapi.v1.json. If the change is intended, regenerate it with: {Regenerate}");
    }

    [Test]
    public async Task Every_operation_has_a_unique_operation_id_a_summary_and_its_problem_responses()
    {
        var doc = await ServedAsync();
        var ids = new List<string>();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, op) in item!.AsObject())
            {
                var where = $"{method.ToUpperInvariant()} {path}";
                ids.Add(op!["operationId"]?.GetValue<string>() ?? throw new AssertionException($"{where} has no operationId"));
                Assert.That(op["summary"]?.GetValue<string>(), Is.Not.Null.And.Not.Empty, $"{where} has no summary");
                var responses = op["responses"]!.AsObject();
                var hasParameters = op["parameters"] is JsonArray { Count: > 0 } || op["requestBody"] is not null;
                if (hasParameters)
                    Assert.That(responses.Any(r => r.Key.StartsWith('4')), Is.True, $"{where} declares no 4xx response");
                // A HEAD answer has no body, so its problems declare no content.
                foreach (var (status, response) in responses.Where(r => r.Key.StartsWith('4') && method != "head"))
                    Assert.That(response!["content"]?.AsObject().Select(c => c.Key), Does.Contain("application/problem+json"), $"{where} {status} is not problem+json");
            }
        }
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public async Task Answers_declare_every_member_required_and_requests_only_the_non_nullable_ones()
    {
        var doc = await ServedAsync();
        var schemas = doc["components"]!["schemas"]!;
        var required = schemas["Article"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        // The service writes null members too: an answer's nullable member is required (and nullable).
        Assert.That(required, Does.Contain("headline").And.Contain("slug").And.Contain("excerpt").And.Contain("subheadline").And.Contain("image"));
        Assert.That(schemas["Article"]!["properties"]!["subheadline"]!["type"]!.ToJsonString(), Does.Contain("null"));
        // A request may leave a nullable member out.
        Assert.That(schemas["ArticleInput"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()), Does.Not.Contain("subheadline"));
        // ProblemDetails leaves null members out, so they stay optional.
        Assert.That(schemas["ProblemDetails"]!["required"], Is.Null);
    }

    [TestCase("Article", "image")]
    [TestCase("Article", "source")]
    [TestCase("Teaser", "image")]
    [TestCase("Adjacent", "previous")]
    [TestCase("Adjacent", "next")]
    public async Task References_that_may_be_null_are_declared_nullable(string schema, string property)
    {
        var doc = await ServedAsync();
        var declared = doc["components"]!["schemas"]![schema]!["properties"]![property]!;
        var options = declared["oneOf"]?.AsArray().Select(o => o!.ToJsonString()).ToList();
        Assert.That(options, Is.Not.Null, declared.ToJsonString());
        Assert.That(options, Has.Some.Contains("\"$ref\"").And.Some.Contains("\"null\""), declared.ToJsonString());
    }

    [Test]
    public async Task Syndication_allowed_may_be_omitted_as_the_writer_defaults_it()
    {
        var doc = await ServedAsync();
        Assert.That(doc["components"]!["schemas"]!["SyndicationInput"]!["required"], Is.Null);
    }

    [Test]
    public async Task Every_get_declares_304_and_every_write_that_answers_428_requires_if_match()
    {
        var doc = await ServedAsync();
        foreach (var (path, item) in doc["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray().Select(p => (Name: p!["name"]!.GetValue<string>(), Required: p["required"]?.GetValue<bool>() ?? false)).ToList() ?? [];
                var responses = operation["responses"]!.AsObject();
                if (method == "get" && !path.StartsWith("/health/", StringComparison.Ordinal))
                {
                    Assert.That(responses.ContainsKey("304"), Is.True, $"GET {path}");
                    Assert.That(parameters.Select(p => p.Name), Does.Contain("If-None-Match").And.Contain("If-Modified-Since"), $"GET {path}");
                    // A GET that only redirects (/v1/redirects: 301 or 404) has no 200 to describe.
                    if (responses["200"] is { } ok)
                        Assert.That(ok["headers"]!.AsObject().Select(h => h.Key), Does.Contain("ETag").And.Contain("Last-Modified"), $"GET {path}");
                }
                else if (responses.ContainsKey("428"))
                {
                    Assert.That(parameters, Does.Contain(("If-Match", true)), $"{method} {path}");
                }
            }
        }
    }

    [Test]
    public async Task Every_operation_with_a_body_declares_413_and_415()
    {
        var doc = await ServedAsync();
        var withBody = doc["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => (Key: $"{o.Key} {p.Key}", Operation: o.Value!)))
            .Where(o => o.Operation["requestBody"] is not null).ToList();
        Assert.That(withBody, Has.Count.GreaterThan(10));
        foreach (var (key, operation) in withBody)
            Assert.That(operation["responses"]!.AsObject().Select(r => r.Key), Does.Contain("413").And.Contain("415"), key);
    }

    [TestCase("Article", "status", "draft,scheduled,published,archived")]
    [TestCase("RelatedTeaser", "reason", "curated,topic,text")]
    [TestCase("SearchHit", "matchedBy", "text,variant,romanised")]
    [TestCase("Suggestion", "kind", "word,tag,section,author")]
    [TestCase("CreateKeyRequest", "role", "admin,editor,author,partner,reader")]
    public async Task Closed_sets_of_strings_are_enums(string schema, string property, string values)
    {
        var doc = await ServedAsync();
        var declared = doc["components"]!["schemas"]![schema]!["properties"]![property]!;
        Assert.That(declared["enum"]?.AsArray().Select(v => v!.GetValue<string>()), Is.EqualTo(values.Split(',')), declared.ToJsonString());
    }

    [Test]
    public async Task Content_operations_declare_the_401_a_deployment_with_required_keys_answers()
    {
        var doc = await ServedAsync();
        var content = doc["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/", StringComparison.Ordinal)
            && !p.Key.StartsWith("/v1/admin", StringComparison.Ordinal) && !p.Key.StartsWith("/v1/preview", StringComparison.Ordinal)).ToList();
        Assert.That(content, Has.Count.GreaterThan(10));
        foreach (var (path, item) in content)
            foreach (var (method, operation) in item!.AsObject())
                Assert.That(operation!["responses"]!.AsObject().Select(r => r.Key), Does.Contain("401"), $"{method} {path}");
    }

    [Test]
    public async Task Create_requires_a_headline_and_section_and_a_merge_patch_requires_nothing()
    {
        var doc = await ServedAsync();
        var schemas = doc["components"]!["schemas"]!;
        Assert.That(schemas["ArticleInput"]!["required"]!.AsArray().Select(n => n!.GetValue<string>()), Is.EquivalentTo(new[] { "headline", "section" }));
        var patch = doc["paths"]!["/v1/admin/articles/{id}"]!["patch"]!["requestBody"]!["content"]!["application/merge-patch+json"]!["schema"]!["$ref"]!.GetValue<string>();
        Assert.That(patch, Is.EqualTo("#/components/schemas/ArticleInputMergePatch"));
        Assert.That(schemas["ArticleInputMergePatch"]!["required"], Is.Null);
        Assert.That(schemas["ArticleInputMergePatch"]!["properties"]!.AsObject().Select(p => p.Key),
            Is.EquivalentTo(schemas["ArticleInput"]!["properties"]!.AsObject().Select(p => p.Key)));
    }
}
