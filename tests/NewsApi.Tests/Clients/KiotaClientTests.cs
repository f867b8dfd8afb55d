using NewsApi.Client;
using NewsApi.Tests.Infrastructure;
using Fields = NewsApi.Client.V1.Articles.Item.GetFieldsQueryParameterType;

namespace NewsApi.Tests.Clients;

/// <summary>The Kiota-generated C# client (clients/dotnet) against the real service in process: it compiles against
/// the committed contract, and these calls show that what it sends and parses matches what the service does.</summary>
[TestFixture]
public sealed class KiotaClientTests : ApiTestBase
{
    /// <summary>The demo loads the seed article as id 2 (README).</summary>
    private const long SeedId = 2;

    protected override Contents StartWith => Contents.Demo;

    private NewsApiClient Api(HttpClient http) => NewsApiClients.Create(http, http.BaseAddress!);

    [Test]
    public async Task The_console_reader_prints_the_seed_page()
    {
        using var output = new StringWriter();
        await SeedPage.PrintAsync(Api(Public), output, SeedId);
        var lines = output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.That(lines[0], Is.EqualTo(Seed.Headline));
        Assert.That(lines, Has.Some.EqualTo($"सियोल । {Seed.Paragraphs[0]}"));
        foreach (var paragraph in Seed.Paragraphs.Skip(1)) Assert.That(lines, Does.Contain(paragraph));
        Assert.That(lines, Does.Contain("(आईएएनएस)"));
        Assert.That(lines.Count(l => l.StartsWith("- ", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(12));
        Assert.That(lines.Single(l => l.StartsWith("अगली ख़बर", StringComparison.Ordinal)), Does.EndWith(Seed.NextHeadline));
        Assert.That(lines.Single(l => l.StartsWith("« पिछली", StringComparison.Ordinal)), Does.EndWith(Seed.PreviousHeadline));
    }

    [Test]
    public async Task A_devanagari_slug_is_encoded_and_found()
    {
        var byId = await Api(Public).V1.Articles[SeedId].GetAsync();
        var bySlug = await Api(Public).V1.Articles.Slug[byId!.Article!.Slug!].GetAsync();
        Assert.That(bySlug?.Article?.Id, Is.EqualTo(SeedId));
    }

    /// <summary>Kiota reads an anyOf of objects as an intersection: each member lands in the first type that has it,
    /// so a sparse answer fills <c>Article</c> with only the members asked for (the rest stay null).</summary>
    [Test]
    public async Task A_sparse_answer_parses_with_only_the_members_asked_for()
    {
        var answer = await Api(Public).V1.Articles[SeedId].GetAsync(r => r.QueryParameters.Fields = [Fields.Headline, Fields.Dateline]);
        Assert.That(answer?.Article?.Headline, Is.EqualTo(Seed.Headline));
        Assert.That(answer?.Article?.Dateline, Is.EqualTo("सियोल"));
        Assert.That(answer?.Article?.Slug, Is.Null);
    }

    [Test]
    public async Task An_admin_call_with_a_key_reads_roles_as_the_enum()
    {
        var keys = await Api(Admin).V1.Admin.Keys.GetAsync();
        Assert.That(keys?.Items?.Select(k => k.Role), Has.Some.EqualTo(NewsApi.Client.Models.ApiKeyInfo_role.Admin));
    }
}
