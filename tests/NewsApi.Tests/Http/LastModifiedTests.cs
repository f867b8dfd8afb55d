using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Http;

/// <summary>Every GET carries a strong ETag and a Last-Modified that never goes backwards: lists take the
/// content clock (moved by every editorial write and by the scheduler), so If-Modified-Since cannot keep a
/// list alive after an article has left it. On a fake clock, so whole-second HTTP dates are exact.</summary>
[TestFixture]
public sealed partial class LastModifiedTests : ApiTestBase
{
    protected override bool ServicePerTest => true;

    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override DateTimeOffset? ClockStart => new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private async Task<(long Id, string Slug, string Section)> NewestAsync()
    {
        var item = (await (await Public.GetAsync("/v1/articles?limit=1")).JsonAsync()).GetProperty("items")[0];
        return (item.GetProperty("id").GetInt64(), item.GetProperty("slug").GetString()!, item.GetProperty("section").GetProperty("slug").GetString()!);
    }

    private static async Task<HttpResponseMessage> GetSinceAsync(HttpClient client, string url, DateTimeOffset since)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfModifiedSince = since;
        return await client.SendAsync(request);
    }

    [Test]
    public async Task Every_get_answers_with_a_strong_etag_and_last_modified()
    {
        var (id, slug, section) = await NewestAsync();
        var token = (await (await Editor.PostAsync($"/v1/admin/articles/{id}/preview-token", null)).JsonAsync()).GetProperty("token").GetString();
        var tag = (await (await Public.GetAsync("/v1/tags?limit=1")).JsonAsync()).GetProperty("items")[0].GetProperty("slug").GetString()!;
        var author = (await (await Public.GetAsync("/v1/authors?limit=1")).JsonAsync()).GetProperty("items")[0].GetProperty("slug").GetString()!;
        string[] publicPaths =
        [
            "/v1/articles", $"/v1/articles/{id}", "/v1/articles/slug/" + Uri.EscapeDataString(slug), "/v1/teasers",
            $"/v1/articles/{id}/adjacent?scope=site", $"/v1/articles/{id}/related", "/v1/sections", "/v1/sections/" + Uri.EscapeDataString(section),
            "/v1/tags", "/v1/tags/" + Uri.EscapeDataString(tag), "/v1/authors", "/v1/authors/" + Uri.EscapeDataString(author), "/v1/sources",
            "/v1/search?q=" + Uri.EscapeDataString("पुतिन"), $"/v1/preview/{token}",
        ];
        string[] adminPaths = ["/v1/admin/articles", $"/v1/admin/articles/{id}", $"/v1/admin/articles/{id}/revisions", "/v1/admin/keys"];
        foreach (var (client, path) in publicPaths.Select(p => (Public, p)).Concat(adminPaths.Select(p => (Admin, p))))
        {
            var response = await client.GetAsync(path);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                Assert.That(response.Headers.ETag, Is.Not.Null, path);
                Assert.That(response.Headers.ETag?.IsWeak, Is.False, path);
                Assert.That(response.Content.Headers.LastModified, Is.Not.Null, path);
                Assert.That(response.Content.Headers.LastModified, Is.LessThanOrEqualTo(Clock.GetUtcNow()), path);
            }
        }
    }

    [Test]
    public async Task Every_public_answer_names_what_a_cdn_must_purge_it_for()
    {
        var (id, _, section) = await NewestAsync();
        async Task<string[]> KeysAsync(string path)
        {
            var response = await Public.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            return response.Headers.TryGetValues("Surrogate-Key", out var values) ? values.Single().Split(' ') : [];
        }
        var sectionKey = "section-" + Uri.EscapeDataString(section);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(await KeysAsync("/v1/sections"), Does.Contain("sections").And.Contain("articles").And.Contain(sectionKey));
            Assert.That(await KeysAsync("/v1/sections/" + Uri.EscapeDataString(section)), Does.Contain(sectionKey).And.Contain("articles"));
            Assert.That(await KeysAsync("/v1/tags"), Does.Contain("tags").And.Contain("articles"));
            Assert.That(await KeysAsync("/v1/authors"), Does.Contain("authors"));
            Assert.That(await KeysAsync("/v1/sources"), Does.Contain("sources"));
            // An empty search answer must go when a matching story is published.
            Assert.That(await KeysAsync("/v1/search?q=" + Uri.EscapeDataString("अनोखाशब्दजोकहींनहीं")), Does.Contain("articles"));
            Assert.That(await KeysAsync($"/v1/articles/{id}/related"), Does.Contain("articles").And.Contain($"article-{id}"));
            Assert.That(await KeysAsync($"/v1/articles/{id}/adjacent?scope=site"), Does.Contain($"article-{id}").And.Contain("articles"));
        }
        var list = await KeysAsync("/v1/articles?limit=20");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(list, Does.Contain("articles").And.Contain($"article-{id}").And.Contain(sectionKey));
            Assert.That(list, Has.None.StartsWith("tag-"), "a list names only its articles and sections: the header stays small");
        }
        var related = await (await Public.GetAsync($"/v1/articles/{id}/related")).JsonAsync();
        Assert.That(related.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null), "related has the list shape");
    }

    [Test]
    public async Task Head_answers_like_get_without_a_body()
    {
        var (id, slug, _) = await NewestAsync();
        foreach (var path in new[] { $"/v1/articles/{id}", "/v1/articles/slug/" + Uri.EscapeDataString(slug), "/v1/teasers", "/v1/sections" })
        {
            var get = await Public.GetAsync(path);
            var head = await Public.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
                Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag), path);
                Assert.That(head.Content.Headers.LastModified, Is.EqualTo(get.Content.Headers.LastModified), path);
                Assert.That(head.Content.Headers.ContentLength, Is.EqualTo((await get.Content.ReadAsByteArrayAsync()).Length), path);
                Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty, path);
            }
        }
        var missing = await Public.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v1/articles/999999"));
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await missing.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [Test]
    public async Task An_article_answers_304_for_if_modified_since_once_its_change_is_a_second_old()
    {
        var (id, _, _) = await NewestAsync();
        Clock.Advance(TimeSpan.FromSeconds(2));
        var first = await Public.GetAsync($"/v1/articles/{id}");
        var lastModified = first.Content.Headers.LastModified;
        Assert.That(lastModified, Is.Not.Null);
        Assert.That((await GetSinceAsync(Public, $"/v1/articles/{id}", lastModified!.Value)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((await GetSinceAsync(Public, $"/v1/articles/{id}", lastModified.Value.AddDays(-1))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_article_whose_curated_related_story_leaves_the_site_is_modified()
    {
        var ids = (await (await Public.GetAsync("/v1/articles?limit=2")).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).ToList();
        var (id, related) = (ids[0], ids[1]);
        Assert.That((await SetRelatedAsync(Editor, id, [related])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Clock.Advance(TimeSpan.FromSeconds(2));
        var before = await Public.GetAsync($"/v1/articles/{id}");
        Assert.That((await before.JsonAsync()).GetProperty("related").EnumerateArray().Select(r => r.GetInt64()), Is.EqualTo(new[] { related }));
        var lastModified = before.Content.Headers.LastModified!.Value;

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((await TransitionAsync(Editor, related, "unpublish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var after = await GetSinceAsync(Public, $"/v1/articles/{id}", lastModified);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the article's related list changed though the article was not written");
        Assert.That((await after.JsonAsync()).GetProperty("related").EnumerateArray(), Is.Empty);
    }

    [Test]
    public async Task An_admin_answer_changed_by_a_rename_is_not_revalidated_by_its_version_alone()
    {
        var (id, _, section) = await NewestAsync();
        var before = await Admin.GetAsync($"/v1/admin/articles/{id}");
        var etag = before.Headers.ETag!;
        Assert.That(etag.Tag, Does.StartWith(ETag((await before.JsonAsync()).GetProperty("version").GetInt64())[..^1] + "."));
        using (var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/articles/{id}"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.That((await Admin.SendAsync(again)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        }

        var admin = await Editor.GetAsync("/v1/admin/sections/" + Uri.EscapeDataString(section));
        var current = await admin.JsonAsync();
        using var rename = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/sections/" + Uri.EscapeDataString(section))
        {
            Content = JsonContent.Create(new { name = "विश्व समाचार", slug = section, parent = current.TryGetProperty("parent", out var p) && p.ValueKind == JsonValueKind.Object ? p.GetProperty("slug").GetString() : null }),
        };
        rename.Headers.IfMatch.Add(admin.Headers.ETag!);
        Assert.That((await Editor.SendAsync(rename)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/v1/admin/articles/{id}");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var after = await Admin.SendAsync(revalidate);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK), "same version, new section name");
        Assert.That((await after.JsonAsync()).GetProperty("section").GetProperty("name").GetString(), Is.EqualTo("विश्व समाचार"));

        // The old GET ETag still names the current version: a rename elsewhere is no conflict for a write.
        using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/v1/admin/articles/{id}")
        {
            Content = new StringContent("{\"subheadline\":\"नया उप-शीर्षक\"}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        patch.Headers.IfMatch.Add(etag);
        Assert.That((await Admin.SendAsync(patch)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_change_later_in_the_same_second_as_a_served_copy_is_not_taken_for_current()
    {
        var (id, _, _) = await NewestAsync();
        Clock.Advance(TimeSpan.FromMilliseconds(200));
        var served = await Public.GetAsync("/v1/teasers");
        var lastModified = served.Content.Headers.LastModified!.Value;
        Assert.That(lastModified, Is.LessThanOrEqualTo(Clock.GetUtcNow()));

        Clock.Advance(TimeSpan.FromMilliseconds(300)); // still the same second
        Assert.That((await TransitionAsync(Editor, id, "unpublish")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await GetSinceAsync(Public, "/v1/teasers", lastModified)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        Clock.Advance(TimeSpan.FromSeconds(1));
        var current = (await Public.GetAsync("/v1/teasers")).Content.Headers.LastModified!.Value;
        Assert.That(current, Is.GreaterThan(lastModified));
        Assert.That((await GetSinceAsync(Public, "/v1/teasers", current)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }
}
