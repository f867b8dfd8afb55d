using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Taxonomy;
using NewsApi.Tests.Infrastructure;
using NewsApi.Text;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Text;

/// <summary>A slug in one script that looks like another stored slug (UTS #39: the same confusable skeleton) is
/// refused with the 409 of a taken slug, naming the slug it could pass for; a derived one gets the next free suffix;
/// real Hindi slugs that merely resemble each other all coexist. The Cyrillic below is spelt out in comments.</summary>
[TestFixture]
public sealed class LookAlikeSlugTests : ApiTestBase
{
    private static Dictionary<string, object?> WithSlug(string headline, string slug) => Article(headline).With("slug", slug);

    private async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string imitated)
    {
        var problem = await response.AssertProblemAsync(409);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain($"could pass for '{imitated}'"));
        return problem;
    }

    [Test]
    public async Task A_cyrillic_look_alike_of_a_latin_slug_is_refused_naming_it()
    {
        await CreatedAsync(Editor, WithSlug("शांति वार्ता", "peace"));
        var before = await CountAdminArticlesAsync(Editor);

        // р е а с е: Cyrillic er, ie, a, es, ie.
        var problem = await RefusedAsync(await CreateAsync(Editor, WithSlug("नकली शांति", "реасе")), "peace");

        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before), "nothing written");
        // The suggestion is free and looks like nothing stored (peace-2 is not taken), as for a taken slug.
        var suggestion = problem.GetProperty("suggestion").GetString();
        Assert.That(suggestion, Is.EqualTo("реасе-2"));
        Assert.That((await CreateAsync(Editor, WithSlug("नकली शांति", suggestion!))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task The_latin_slug_is_refused_when_its_look_alike_came_first()
    {
        await CreatedAsync(Editor, WithSlug("दायरा", "ѕсоре")); // Cyrillic dze, es, o, er, ie

        await RefusedAsync(await CreateAsync(Editor, WithSlug("असली दायरा", "scope")), "ѕсоре");
    }

    [Test]
    public async Task Look_alikes_within_one_script_are_refused_too()
    {
        await CreatedAsync(Editor, WithSlug("मोदी की रैली", "modi-rally"));

        // The data maps m to r + n.
        await RefusedAsync(await CreateAsync(Editor, WithSlug("नकली रैली", "rnodi-rally")), "modi-rally");
        // ओ looks like अ + ा + े, its spelling in broken fonts and OCR.
        await CreatedAsync(Editor, WithSlug("ओवैसी का बयान", "ओवैसी-बयान"));
        await RefusedAsync(await CreateAsync(Editor, WithSlug("नकली बयान", "\u0905\u093E\u0947वैसी-बयान")), "ओवैसी-बयान");
    }

    [Test]
    public async Task A_look_alike_of_another_articles_retired_slug_is_refused()
    {
        var (id, etag) = await CreatedAsync(Editor, WithSlug("अंतरिक्ष", "space"));
        using (var renamed = await PatchAsync(Editor, id, new { slug = "space-walk" }, etag))
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // ѕ р а с е: Cyrillic dze, er, a, es, ie.
        var problem = await RefusedAsync(await CreateAsync(Editor, WithSlug("नकली अंतरिक्ष", "ѕрасе")), "space");

        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("former slug"));
    }

    [Test]
    public async Task Changing_a_slug_to_a_look_alike_is_refused_by_patch_and_put_and_changes_nothing()
    {
        await CreatedAsync(Editor, WithSlug("टुकड़ा", "piece"));
        var (id, etag) = await CreatedAsync(Editor, Article("दूसरी ख़बर जिसका स्लग बदलेगा"));
        var before = await GetAdminAsync(Editor, id);

        // р і е с е: Cyrillic er, byelorussian-ukrainian i, ie, es, ie.
        await RefusedAsync(await PatchAsync(Editor, id, new { slug = "ріесе" }, etag), "piece");
        await RefusedAsync(await PutAsync(Editor, id, WithSlug("दूसरी ख़बर जिसका स्लग बदलेगा", "ріесе"), etag), "piece");

        Assert.That((await GetAdminAsync(Editor, id)).GetRawText(), Is.EqualTo(before.GetRawText()));
    }

    [Test]
    public async Task An_article_keeps_its_own_slug_and_may_take_a_look_alike_of_its_own_old_one()
    {
        var (id, etag) = await CreatedAsync(Editor, WithSlug("उम्मीद", "hope"));
        using var kept = await PutAsync(Editor, id, WithSlug("उम्मीद बाकी है", "hope"), etag);
        Assert.That(kept.StatusCode, Is.EqualTo(HttpStatusCode.OK), await kept.Content.ReadAsStringAsync());
        using var moved = await PatchAsync(Editor, id, new { slug = "hope-2025" }, ETagOf(kept));
        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // һ о р е (Cyrillic shha, o, er, ie) looks like its own retired slug: it can only lead to this article.
        using var back = await PatchAsync(Editor, id, new { slug = "һоре" }, ETagOf(moved));

        Assert.That(back.StatusCode, Is.EqualTo(HttpStatusCode.OK), await back.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Look_alikes_stored_before_the_check_keep_their_slugs_when_edited()
    {
        await CreatedAsync(Editor, WithSlug("खुराक", "dose"));
        var (id, _) = await CreatedAsync(Editor, WithSlug("पुरानी खुराक", "old-dose"));
        // As a database from before skeletons were compared may hold: ԁ о ѕ е (Cyrillic komi de, o, dze, ie).
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync())
            await connection.ExecuteAsync("UPDATE articles SET slug = @slug, slug_skeleton = @skeleton WHERE id = @id",
                new { slug = "ԁоѕе", skeleton = SlugSafety.Skeleton("ԁоѕе"), id });
        var (current, etag) = await GetAdminWithETagAsync(Editor, id);
        Assert.That(current.GetProperty("slug").GetString(), Is.EqualTo("ԁоѕе"));

        using var edited = await PutAsync(Editor, id, WithSlug("पुरानी खुराक, नया शीर्षक", "ԁоѕе"), etag);

        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_derived_slug_that_looks_like_another_gets_the_next_free_suffix()
    {
        await CreatedAsync(Editor, WithSlug("चावल", "rice"));
        await CreatedAsync(Editor, WithSlug("चावल दो", "rice-2"));

        // Г і с е: Cyrillic ghe, i, es, ie; the slug is its lower case, whose skeleton is rice's. rice-2 is taken too.
        var draft = await CreateDraftAsync(Editor, Article("Гісе"));

        Assert.That(draft.GetProperty("slug").GetString(), Is.EqualTo("гісе-3"));
    }

    [Test]
    public async Task Hindi_slugs_that_only_resemble_each_other_all_coexist()
    {
        var headlines = new[] { Seed.Headline, Seed.PreviousHeadline, Seed.NextHeadline }.Concat(Seed.TeaserHeadlines).Distinct();
        // Different words a reader tells apart: chandrabindu or anusvara, nukta or none, short or long i, digits.
        string[] near = ["गाँव-की-ख़बर", "गांव-की-ख़बर", "हँसी-मज़ाक", "हंसी-मज़ाक", "फ़ोन-पर-बात", "फोन-पर-बात",
            "कि-नहीं", "की-नहीं", "सेना-प्रमुख", "सना-प्रमुख", "आज-का-बजट", "आंतक-का-बजट", "२०२५-का-बजट", "२०२४-का-बजट"];
        var slugs = headlines.Select(Slug.From).Concat(near).ToList();

        foreach (var slug in slugs)
        {
            using var created = await CreateAsync(Editor, WithSlug("मिलते-जुलते स्लग " + slug, slug));
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"{slug}: {await created.Content.ReadAsStringAsync()}");
        }
    }

    [Test]
    public async Task A_look_alike_tag_or_section_is_refused_naming_the_one_it_imitates()
    {
        Assert.That((await Editor.PostAsJsonAsync("/v1/admin/tags", new { name = "प्रतियाँ", slug = "copies" }, NewsApiFactory.Json)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await Editor.PostAsJsonAsync("/v1/admin/sections", new { name = "प्रतियाँ", slug = "copies" }, NewsApiFactory.Json)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await Editor.PostAsJsonAsync("/v1/admin/tags", new { name = "दूसरा टैग", slug = "other-tag" }, NewsApiFactory.Json)).StatusCode, Is.EqualTo(HttpStatusCode.Created));

        // с о р і е ѕ: Cyrillic es, o, er, i, ie, dze.
        await RefusedAsync(await Editor.PostAsJsonAsync("/v1/admin/tags", new { name = "नकली", slug = "соріеѕ" }, NewsApiFactory.Json), "copies");
        await RefusedAsync(await Editor.PostAsJsonAsync("/v1/admin/sections", new { name = "नकली", slug = "соріеѕ" }, NewsApiFactory.Json), "copies");
        var etag = (await Editor.GetAsync("/v1/admin/tags/other-tag")).Headers.ETag!;
        using var rename = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/tags/other-tag")
        {
            Content = JsonContent.Create(new { name = "दूसरा टैग", slug = "соріеѕ" }, options: NewsApiFactory.Json),
        };
        rename.Headers.IfMatch.Add(etag);
        await RefusedAsync(await Editor.SendAsync(rename), "copies");
        // A rename that keeps the slug is no look-alike of anything.
        using var keep = new HttpRequestMessage(HttpMethod.Put, "/v1/admin/tags/copies")
        {
            Content = JsonContent.Create(new { name = "प्रतियाँ (नया नाम)", slug = "copies" }, options: NewsApiFactory.Json),
        };
        keep.Headers.IfMatch.Add((await Editor.GetAsync("/v1/admin/tags/copies")).Headers.ETag!);
        Assert.That((await Editor.SendAsync(keep)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_new_tag_typed_on_an_article_that_looks_like_a_stored_tag_is_a_400_on_tags()
    {
        Assert.That((await Editor.PostAsJsonAsync("/v1/admin/tags", new { name = "दौड़", slug = "race" }, NewsApiFactory.Json)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var before = await CountAdminArticlesAsync(Editor);

        // г а с е: Cyrillic ghe, a, es, ie.
        var problem = await (await CreateAsync(Editor, Article("दौड़ की ख़बर", tags: ["гасе"]))).AssertProblemAsync(400);

        Assert.That(problem.GetProperty("errors").GetProperty("tags").ToString(), Does.Contain("could pass for the tag 'race'"));
        Assert.That(await CountAdminArticlesAsync(Editor), Is.EqualTo(before));
        Assert.That((await Editor.GetAsync("/v1/admin/tags/" + Uri.EscapeDataString("гасе"))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        // The tag itself, by slug or name, is no look-alike.
        Assert.That((await CreateAsync(Editor, Article("दौड़ की असली ख़बर", tags: ["race"]))).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task Start_up_fills_in_missing_skeletons_and_works_out_stale_ones_again()
    {
        var (popId, _) = await CreatedAsync(Editor, WithSlug("पॉप संगीत", "pop"));
        await CreatedAsync(Editor, WithSlug("संगीत", "music"));
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            // A row from before migration 0009, and one from an older table version.
            await connection.ExecuteAsync("UPDATE articles SET slug_skeleton = NULL WHERE id = @popId", new { popId });
            await connection.ExecuteAsync("UPDATE articles SET slug_skeleton = 'stale' WHERE slug = 'music'");
            await connection.ExecuteAsync("UPDATE tags SET slug_skeleton = NULL");
            await connection.ExecuteAsync("UPDATE settings SET value = 'unicode-0/stale' WHERE name = 'article_slug_skeletons'");
        }

        var articles = await Factory.Services.GetRequiredService<ArticleRepository>().EnsureSlugSkeletonsAsync(CancellationToken.None);
        await Factory.Services.GetRequiredService<TaxonomyRepository>().EnsureSlugSkeletonsAsync(CancellationToken.None);

        Assert.That(articles, Is.EqualTo(2), "only the rows whose skeleton was wrong are written");
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync())
        {
            Assert.That(await connection.QuerySingleAsync<string>("SELECT slug_skeleton FROM articles WHERE slug = 'music'"), Is.EqualTo(SlugSafety.Skeleton("music")));
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM tags WHERE slug_skeleton IS NULL"), Is.Zero);
            Assert.That(await connection.QuerySingleAsync<string>("SELECT value FROM settings WHERE name = 'article_slug_skeletons'"), Is.EqualTo(Confusables.Version));
        }
        // р о р: Cyrillic er, o, er.
        await RefusedAsync(await CreateAsync(Editor, WithSlug("नकली पॉप", "рор")), "pop");
    }
}
