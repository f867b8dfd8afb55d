using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Taxonomy;

/// <summary>/v1/admin/sections, /tags, /authors, /sources: Devanagari names and slugs, no section cycles,
/// nothing in use is deleted, slugs unique.</summary>
[TestFixture]
public sealed partial class TaxonomyAdminTests : ApiTestBase
{
    private static string Path(string kind, string slug) => $"/v1/admin/{kind}/{Uri.EscapeDataString(slug)}";

    private async Task<JsonElement> CreatedAsync(string kind, object body)
    {
        var response = await Editor.PostAsJsonAsync($"/v1/admin/{kind}", body, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(Path(kind, json.GetProperty("slug").GetString()!)), "a create points at its admin GET");
        return json;
    }

    /// <summary>PUT as a client makes it: If-Match with the ETag from the item's admin GET.</summary>
    private async Task<HttpResponseMessage> PutAsync(string kind, string slug, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Path(kind, slug)) { Content = JsonContent.Create(body, options: NewsApiFactory.Json) };
        await WithCurrentETagAsync(request, kind, slug);
        return await Editor.SendAsync(request);
    }

    /// <summary>DELETE with If-Match from the item's admin GET.</summary>
    private async Task<HttpResponseMessage> DeleteAsync(string kind, string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, Path(kind, slug));
        await WithCurrentETagAsync(request, kind, slug);
        return await Editor.SendAsync(request);
    }

    private async Task WithCurrentETagAsync(HttpRequestMessage request, string kind, string slug)
    {
        var current = await Editor.GetAsync(Path(kind, slug));
        if (current.Headers.ETag is { } etag) request.Headers.IfMatch.Add(etag);
    }

    private async Task<HttpStatusCode> PublicStatusAsync(string kind, string slug) =>
        (await Public.GetAsync($"/v1/{kind}/{Uri.EscapeDataString(slug)}")).StatusCode;

    /// <summary>The slugs as the public list shows them. Tags are
    /// listed publicly only once a public article carries them, so for tags this reads what is stored.</summary>
    private async Task<List<string>> PublicSlugsAsync(string kind)
    {
        if (kind == "tags")
        {
            await using var connection = await Factory.Services.GetRequiredService<NewsApi.Data.Db>().OpenAsync();
            return [.. await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT slug FROM tags")];
        }
        var json = await (await Public.GetAsync($"/v1/{kind}?limit=100")).JsonAsync();
        return [.. json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!)];
    }

    private async Task<long> DraftAsync(string headline, string section = "desh", string[]? tags = null, string source = "ians", string[]? authors = null) =>
        (await CreateDraftAsync(Editor, Article(headline, section, tags, source: source, authors: authors))).GetProperty("id").GetInt64();

    // ---- sections

    [Test]
    public async Task Section_is_created_with_a_slug_derived_from_its_Devanagari_name()
    {
        var section = await CreatedAsync("sections", new { name = "खेल समाचार", description = "खेल की ख़बरें" });
        var sub = await CreatedAsync("sections", new { name = "क्रिकेट विश्व कप", parent = "खेल-समाचार" });
        var fetched = await (await Public.GetAsync("/v1/sections/" + Uri.EscapeDataString("खेल-समाचार"))).JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(section.GetProperty("slug").GetString(), Is.EqualTo("खेल-समाचार"));
            Assert.That(section.GetProperty("name").GetString(), Is.EqualTo("खेल समाचार"));
            Assert.That(section.GetProperty("parent").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(section.GetProperty("articleCount").GetInt64(), Is.Zero);
            Assert.That(sub.GetProperty("slug").GetString(), Is.EqualTo("क्रिकेट-विश्व-कप"));
            Assert.That(sub.GetProperty("parent").GetString(), Is.EqualTo("खेल-समाचार"));
            Assert.That(fetched.GetProperty("description").GetString(), Is.EqualTo("खेल की ख़बरें"));
        }
    }

    [Test]
    public async Task Section_can_be_renamed_re_slugged_and_moved()
    {
        await CreatedAsync("sections", new { name = "विज्ञान" });
        await CreatedAsync("sections", new { name = "तकनीक" });
        var response = await PutAsync("sections", "विज्ञान", new { name = "विज्ञान और पर्यावरण", slug = "विज्ञान-पर्यावरण", parent = "तकनीक" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var moved = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(moved.GetProperty("slug").GetString(), Is.EqualTo("विज्ञान-पर्यावरण"));
            Assert.That(moved.GetProperty("name").GetString(), Is.EqualTo("विज्ञान और पर्यावरण"));
            Assert.That(moved.GetProperty("parent").GetString(), Is.EqualTo("तकनीक"));
            Assert.That(await PublicStatusAsync("sections", "विज्ञान"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await PublicStatusAsync("sections", "विज्ञान-पर्यावरण"), Is.EqualTo(HttpStatusCode.OK));
        }
    }

    [Test]
    public async Task Renaming_a_section_without_a_slug_keeps_its_slug()
    {
        await CreatedAsync("sections", new { name = "मनोरंजन" });
        var response = await PutAsync("sections", "मनोरंजन", new { name = "फ़िल्म और मनोरंजन" });
        var renamed = await response.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(renamed.GetProperty("slug").GetString(), Is.EqualTo("मनोरंजन"));
            Assert.That(renamed.GetProperty("name").GetString(), Is.EqualTo("फ़िल्म और मनोरंजन"));
        }
    }

    [Test]
    public async Task Section_cannot_be_moved_under_itself_or_its_descendants()
    {
        await CreatedAsync("sections", new { name = "विश्व" });
        await CreatedAsync("sections", new { name = "एशिया", parent = "विश्व" });
        await CreatedAsync("sections", new { name = "दक्षिण एशिया", parent = "एशिया" });

        foreach (var (slug, parent) in new[] { ("विश्व", "एशिया"), ("विश्व", "दक्षिण-एशिया"), ("विश्व", "विश्व"), ("एशिया", "एशिया"), ("एशिया", "दक्षिण-एशिया") })
        {
            var response = await PutAsync("sections", slug, new { name = slug, parent });
            var problem = await response.AssertProblemAsync(400);
            Assert.That(problem.GetProperty("errors").TryGetProperty("parent", out _), Is.True, $"{slug} under {parent}: {problem}");
        }
        var tree = await (await Public.GetAsync("/v1/sections?limit=100")).JsonAsync();
        var parents = tree.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("slug").GetString()!, i => i.GetProperty("parent").GetString());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parents["विश्व"], Is.Null);
            Assert.That(parents["एशिया"], Is.EqualTo("विश्व"));
            Assert.That(parents["दक्षिण-एशिया"], Is.EqualTo("एशिया"));
        }

        // Moving a leaf elsewhere, or a subtree to the top, is fine.
        var ok = await PutAsync("sections", "एशिया", new { name = "एशिया" });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ok.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Unknown_parent_is_400()
    {
        var create = await Editor.PostAsJsonAsync("/v1/admin/sections", new { name = "अनाथ", parent = "कोई-नहीं" }, NewsApiFactory.Json);
        var problem = await create.AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty("parent", out _), Is.True);
        Assert.That(await PublicStatusAsync("sections", "अनाथ"), Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Section_with_articles_is_not_deleted()
    {
        await CreatedAsync("sections", new { name = "राजनीति" });
        await DraftAsync("राजनीति की मसौदा खबर", "राजनीति");
        var response = await DeleteAsync("sections", "राजनीति");
        await response.AssertProblemAsync(409);
        Assert.That(await PublicStatusAsync("sections", "राजनीति"), Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Section_with_sub_sections_is_not_deleted()
    {
        await CreatedAsync("sections", new { name = "अर्थव्यवस्था" });
        await CreatedAsync("sections", new { name = "शेयर बाज़ार", parent = "अर्थव्यवस्था" });
        await (await DeleteAsync("sections", "अर्थव्यवस्था")).AssertProblemAsync(409);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await PublicStatusAsync("sections", "अर्थव्यवस्था"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await PublicStatusAsync("sections", "शेयर-बाज़ार"), Is.EqualTo(HttpStatusCode.OK));
        }
        // Leaf first, then the parent.
        Assert.That((await DeleteAsync("sections", "शेयर-बाज़ार")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await DeleteAsync("sections", "अर्थव्यवस्था")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await PublicStatusAsync("sections", "अर्थव्यवस्था"), Is.EqualTo(HttpStatusCode.NotFound));
    }
}
