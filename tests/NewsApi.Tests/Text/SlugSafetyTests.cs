using System.Net;
using System.Net.Http.Json;
using NewsApi.Tests.Infrastructure;
using NewsApi.Text;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Text;

/// <summary>No slug can pass for another: invisible code points, compatibility forms, look-alike scripts mixed in,
/// words of marks alone are refused (400, naming why); real Hindi slugs, with nukta, conjuncts and a Latin name, pass.</summary>
[TestFixture]
public sealed class SlugSafetyTests : ApiTestBase
{
    [TestCase("new-slug-a\u034F", "invisible")]
    [TestCase("new-slug-a\uFE0F", "invisible")]
    [TestCase("new-slug-\u0430", "mixes scripts")]
    [TestCase("\uFF4E\uFF45\uFF57", "compatibility")]
    [TestCase("new-\u3164", "invisible")]
    [TestCase("\u0301\u0301-\u093C", "combining mark")]
    [TestCase("पुतिन-\u0928\u200B", "invisible")]
    [TestCase("мир-मोदी", "mixes scripts")]
    public async Task A_look_alike_slug_is_refused(string slug, string why)
    {
        Assert.That(SlugSafety.Refusal(slug), Does.Contain(why));
        using var article = await Editor.PostAsJsonAsync(ArticlesUrl, Article("छलावे वाला स्लग").With("slug", slug), NewsApiFactory.Json);
        var problem = await article.AssertProblemAsync(400);
        // Those the plain slug pattern lets through must be refused by the look-alike rules, with their reason.
        var expected = Slug.IsValid(slug) ? "could pass for another" : "must be lower-case";
        Assert.That(problem.GetProperty("errors").GetProperty("slug").ToString(), Does.Contain(expected));
        using var tag = await Editor.PostAsJsonAsync("/v1/admin/tags", new { name = "छलावा", slug }, NewsApiFactory.Json);
        var tagProblem = await tag.AssertProblemAsync(400);
        Assert.That(tagProblem.GetProperty("errors").GetProperty("slug").ToString(), Does.Contain(Slug.IsValid(slug) ? "could pass for another" : "must be lower-case"));
    }

    [TestCase("किम-ने-पुतिन-से-बात-की")]
    [TestCase("क़ानून-ज़रूरी-फ़ैसला")]
    [TestCase("क्षेत्रीय-श्रृंखला-द्वार")]
    [TestCase("मोदी-modi-2025")]
    [TestCase("new-slug-a")]
    [TestCase("२०२५-का-बजट")]
    public void Real_slugs_pass(string slug) => Assert.That(SlugSafety.Refusal(slug), Is.Null);

    [Test]
    public async Task A_derived_slug_drops_invisible_and_fullwidth_forms()
    {
        var draft = await CreateDraftAsync(Editor, Article("ｎｅｗ मौसम\u034F अपडेट\uFE0F"));
        Assert.That(draft.GetProperty("slug").GetString(), Is.EqualTo("new-मौसम-अपडेट"));
    }
}
