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
public sealed class TaxonomyAdminTests : ApiTestBase
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

    // ---- tags, authors, sources

    public static IEnumerable<TestCaseData> Kinds()
    {
        yield return new TestCaseData("sections", new Dictionary<string, object?> { ["name"] = "स्वास्थ्य सेवा" }, "स्वास्थ्य-सेवा").SetArgDisplayNames("sections");
        yield return new TestCaseData("tags", new Dictionary<string, object?> { ["name"] = "चंद्रयान मिशन" }, "चंद्रयान-मिशन").SetArgDisplayNames("tags");
        yield return new TestCaseData("authors", new Dictionary<string, object?> { ["name"] = "अनुराधा सिंह", ["description"] = "वरिष्ठ संवाददाता" }, "अनुराधा-सिंह").SetArgDisplayNames("authors");
        yield return new TestCaseData("sources", new Dictionary<string, object?> { ["name"] = "यूएनआई समाचार", ["url"] = "https://www.uniindia.com/" }, "यूएनआई-समाचार").SetArgDisplayNames("sources");
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task Create_update_and_delete_with_a_Devanagari_name(string kind, Dictionary<string, object?> body, string slug)
    {
        var created = await CreatedAsync(kind, body);
        Assert.That(created.GetProperty("slug").GetString(), Is.EqualTo(slug));
        Assert.That(await PublicSlugsAsync(kind), Does.Contain(slug));

        var renamed = new Dictionary<string, object?>(body) { ["name"] = "नया नाम " + body["name"] };
        var update = await PutAsync(kind, slug, renamed);
        Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK), await update.Content.ReadAsStringAsync());
        var updated = await update.JsonAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(updated.GetProperty("slug").GetString(), Is.EqualTo(slug));
            Assert.That(updated.GetProperty("name").GetString(), Is.EqualTo("नया नाम " + body["name"]));
        }

        var delete = await DeleteAsync(kind, slug);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That(await PublicSlugsAsync(kind), Does.Not.Contain(slug));
        await (await DeleteAsync(kind, slug)).AssertProblemAsync(404);
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task Updates_and_deletes_need_the_current_etag_so_no_rename_is_lost(string kind, Dictionary<string, object?> body, string slug)
    {
        var created = await Editor.PostAsJsonAsync($"/v1/admin/{kind}", new Dictionary<string, object?>(body) { ["name"] = "शर्त " + body["name"], ["slug"] = "शर्त-" + slug });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var mine = "शर्त-" + slug;
        var first = created.Headers.ETag!;
        var read = await Editor.GetAsync(Path(kind, mine));
        Assert.That(VersionPart(read.Headers.ETag!.Tag), Is.EqualTo(first.Tag), "the admin GET shows the version the create gave");

        // No If-Match: 428; nothing changes.
        var blind = await Editor.PutAsJsonAsync(Path(kind, mine), new Dictionary<string, object?>(body) { ["name"] = "अंधा बदलाव" }, NewsApiFactory.Json);
        await blind.AssertProblemAsync(428);
        await (await Editor.DeleteAsync(Path(kind, mine))).AssertProblemAsync(428);

        // Two editors hold the same ETag: the first rename wins, the second gets 412 and loses nothing.
        using var one = new HttpRequestMessage(HttpMethod.Put, Path(kind, mine)) { Content = JsonContent.Create(new Dictionary<string, object?>(body) { ["name"] = "पहला संपादक" }) };
        one.Headers.IfMatch.Add(first);
        var won = await Editor.SendAsync(one);
        Assert.That(won.StatusCode, Is.EqualTo(HttpStatusCode.OK), await won.Content.ReadAsStringAsync());
        Assert.That(won.Headers.ETag, Is.Not.EqualTo(first));
        using var two = new HttpRequestMessage(HttpMethod.Put, Path(kind, mine)) { Content = JsonContent.Create(new Dictionary<string, object?>(body) { ["name"] = "दूसरा संपादक" }) };
        two.Headers.IfMatch.Add(first);
        await (await Editor.SendAsync(two)).AssertProblemAsync(412);
        using var staleDelete = new HttpRequestMessage(HttpMethod.Delete, Path(kind, mine));
        staleDelete.Headers.IfMatch.Add(first);
        await (await Editor.SendAsync(staleDelete)).AssertProblemAsync(412);

        var now = await Editor.GetAsync(Path(kind, mine));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await now.JsonAsync()).GetProperty("name").GetString(), Is.EqualTo("पहला संपादक"));
            Assert.That(VersionPart(now.Headers.ETag!.Tag), Is.EqualTo(won.Headers.ETag!.Tag));
        }
        using var delete = new HttpRequestMessage(HttpMethod.Delete, Path(kind, mine));
        delete.Headers.IfMatch.Add(now.Headers.ETag!);
        Assert.That((await Editor.SendAsync(delete)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await (await Editor.GetAsync(Path(kind, mine))).AssertProblemAsync(404);
    }

    [TestCase("tags")]
    [TestCase("authors")]
    [TestCase("sources")]
    [TestCase("sections")]
    public async Task Descriptions_are_stored_nfc_like_names(string kind)
    {
        // क़ and ज़ typed precomposed (U+0958, U+095B): NFC decomposes them (they are composition exclusions).
        const string precomposed = "\u0958ानून और \u095Bमीन";
        var created = await CreatedAsync(kind, new { name = "नुक़्ता " + kind, description = precomposed });
        var slug = created.GetProperty("slug").GetString()!;
        var stored = await (await Editor.GetAsync(Path(kind, slug))).JsonAsync();
        Assert.That(stored.GetProperty("description").GetString(), Is.EqualTo(precomposed.Normalize()));
        Assert.That(stored.GetProperty("description").GetString()!.IsNormalized(), Is.True);
    }

    [Test]
    public async Task The_admin_get_shows_a_tag_no_public_article_carries_yet()
    {
        var slug = (await CreatedAsync("tags", new { name = "अप्रकाशित विषय" })).GetProperty("slug").GetString()!;
        Assert.That(await PublicStatusAsync("tags", slug), Is.EqualTo(HttpStatusCode.NotFound));
        var admin = await Editor.GetAsync(Path("tags", slug));
        Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(admin.Headers.CacheControl?.NoStore, Is.True);
        Assert.That((await admin.JsonAsync()).GetProperty("name").GetString(), Is.EqualTo("अप्रकाशित विषय"));
    }

    [TestCaseSource(nameof(Kinds))]
    public async Task Duplicate_slug_is_409(string kind, Dictionary<string, object?> body, string slug)
    {
        var first = new Dictionary<string, object?>(body) { ["name"] = "दोहरा " + body["name"] };
        var created = await CreatedAsync(kind, first);
        var again = await Editor.PostAsJsonAsync($"/v1/admin/{kind}", first, NewsApiFactory.Json);
        await again.AssertProblemAsync(409);

        // Renaming another one onto the taken slug is refused too, and changes nothing.
        var other = await CreatedAsync(kind, new Dictionary<string, object?>(body) { ["name"] = "दूसरा " + body["name"] });
        var otherSlug = other.GetProperty("slug").GetString()!;
        var clash = await PutAsync(kind, otherSlug, new Dictionary<string, object?>(body) { ["name"] = "टकराव", ["slug"] = created.GetProperty("slug").GetString() });
        await clash.AssertProblemAsync(409);
        var slugs = await PublicSlugsAsync(kind);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(slugs, Does.Contain(otherSlug));
            Assert.That(slugs.Count(s => s == created.GetProperty("slug").GetString()), Is.EqualTo(1));
        }
    }

    [TestCase("sections")]
    [TestCase("tags")]
    [TestCase("authors")]
    [TestCase("sources")]
    public async Task Unknown_slug_is_404(string kind)
    {
        await (await PutAsync(kind, "कोई-नहीं", new { name = "कोई नहीं" })).AssertProblemAsync(404);
        await (await DeleteAsync(kind, "कोई-नहीं")).AssertProblemAsync(404);
    }

    [TestCase("tags")]
    [TestCase("authors")]
    [TestCase("sources")]
    public async Task In_use_term_is_not_deleted(string kind)
    {
        var name = kind switch { "tags" => "प्रयुक्त टैग", "authors" => "प्रयुक्त लेखक", _ => "प्रयुक्त एजेंसी" };
        var slug = (await CreatedAsync(kind, new { name })).GetProperty("slug").GetString()!;
        var id = kind switch
        {
            "tags" => await DraftAsync("टैग वाली खबर", tags: [slug]),
            "authors" => await DraftAsync("लेखक वाली खबर", authors: ["sita", slug]),
            _ => await DraftAsync("एजेंसी वाली खबर", source: slug),
        };
        await PublishAsync(Editor, id);

        await (await DeleteAsync(kind, slug)).AssertProblemAsync(409);
        var article = await GetAdminAsync(Editor, id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await PublicSlugsAsync(kind), Does.Contain(slug));
            var credited = kind switch
            {
                "tags" => article.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList(),
                "authors" => article.GetProperty("authors").EnumerateArray().Select(t => t.GetProperty("slug").GetString()).ToList(),
                _ => [article.GetProperty("source").GetProperty("slug").GetString()],
            };
            Assert.That(credited, Does.Contain(slug));
        }
    }

    [Test]
    public async Task A_draft_is_enough_to_keep_a_tag()
    {
        var slug = (await CreatedAsync("tags", new { name = "मसौदे का टैग" })).GetProperty("slug").GetString()!;
        await DraftAsync("केवल मसौदा", tags: [slug]);
        await (await DeleteAsync("tags", slug)).AssertProblemAsync(409);
    }

    [Test]
    public async Task Author_with_a_key_can_be_deleted_and_the_key_survives()
    {
        var slug = (await CreatedAsync("authors", new { name = "कुंजी वाला लेखक" })).GetProperty("slug").GetString()!;
        using var author = await Keys.ClientForRoleAsync(Factory, "author", slug);
        var delete = await DeleteAsync("authors", slug);
        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That((await author.GetAsync("/v1/admin/articles")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("sections", "name", 101)]
    [TestCase("tags", "description", 2001)]
    [TestCase("authors", "name", 101)]
    [TestCase("sources", "description", 2001)]
    public async Task Too_long_input_is_400_naming_the_field(string kind, string field, int length)
    {
        var body = new Dictionary<string, object?> { ["name"] = "लंबा", [field] = new string('क', length) };
        var json = System.Text.Json.JsonSerializer.Serialize(body);
        await Invalid_input_is_400_naming_the_field(kind, json, field);
    }

    [TestCase("sections", "{\"name\":\"\"}", "name")]
    [TestCase("tags", "{\"name\":\"ठीक\",\"slug\":\"Not A Slug\"}", "slug")]
    [TestCase("authors", "{\"name\":\"ठीक\",\"slug\":\"a--b\"}", "slug")]
    [TestCase("sources", "{\"name\":\"ठीक\",\"url\":\"ftp://example.com\"}", "url")]
    public async Task Invalid_input_is_400_naming_the_field(string kind, string json, string field)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var problem = await (await Editor.PostAsync($"/v1/admin/{kind}", content)).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
    }

    [TestCase("author")]
    [TestCase("partner")]
    [TestCase("reader")]
    public async Task Only_editors_and_admins_manage_taxonomy(string role)
    {
        using var client = await Keys.ClientForRoleAsync(Factory, role, role == "author" ? "ravi" : null);
        await (await client.PostAsJsonAsync("/v1/admin/tags", new { name = "निषिद्ध" }, NewsApiFactory.Json)).AssertProblemAsync(403);
        await (await client.DeleteAsync(Path("sections", "khel"))).AssertProblemAsync(403);
        Assert.That(await PublicSlugsAsync("tags"), Does.Not.Contain("निषिद्ध"));
    }

    [Test]
    public async Task Without_a_key_is_401()
    {
        await (await Public.PostAsJsonAsync("/v1/admin/sections", new { name = "बिना कुंजी" }, NewsApiFactory.Json)).AssertProblemAsync(401);
    }

    [Test]
    public async Task Admin_keys_may_manage_taxonomy()
    {
        using var admin = await Keys.ClientForRoleAsync(Factory, "admin");
        var response = await admin.PostAsJsonAsync("/v1/admin/sources", new { name = "वार्ता" }, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }
}
