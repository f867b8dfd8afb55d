using System.Text.Json;

namespace NewsApi.Tests.Syndication;

/// <summary>The schema check the partner tests rely on does refuse what ninjs forbids (a check that passes
/// everything would make every other assertion of validity empty).</summary>
[TestFixture]
public sealed class NinjsSchemaTests
{
    [TestCase("""{ "version": "1" }""", TestName = "No uri")]
    [TestCase("""{ "uri": "urn:newsapi:article:1", "seq": 1 }""", TestName = "A member of our own at the top level")]
    [TestCase("""{ "uri": "urn:newsapi:article:1", "versioncreated": "yesterday" }""", TestName = "A date that is not RFC 3339")]
    [TestCase("""{ "uri": "not a uri" }""", TestName = "A uri that is not one")]
    [TestCase("""{ "uri": "urn:newsapi:article:1", "associations": [{ "uri": "urn:newsapi:article:2" }] }""", TestName = "An association without a name")]
    public void The_schema_check_refuses_what_ninjs_forbids(string json) =>
        Assert.That(NinjsSchema.Errors(JsonDocument.Parse(json).RootElement), Is.Not.Empty);

    [Test]
    public void The_schema_check_accepts_a_minimal_item() =>
        NinjsSchema.AssertValid(JsonDocument.Parse("""{ "uri": "urn:newsapi:article:1", "headlines": [{ "value": "नई दिल्ली" }] }""").RootElement, "a minimal item");
}
