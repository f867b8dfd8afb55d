using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Bodies are sanitised on write to the allowlist; nothing executable or styled survives in any
/// representation the API serves (admin, public html/text/blocks, teaser excerpt).</summary>
[TestFixture]
public sealed partial class SanitisationTests : ApiTestBase
{
    private const string Hostile = """
        <h2>सियोल से ख़बर</h2>
        <p onclick="alert('p')">किम ने <strong>पुतिन</strong> से <em>बात</em> की।<script>alert('script')</script></p>
        <SCRIPT type="text/javascript">document.write('बड़ा')</SCRIPT>
        <p style="color:red" onmouseover="steal()">लाल पैराग्राफ़ <span style="font-size:90px">बड़ा</span></p>
        <style>p { background: url(javascript:alert(1)) }</style>
        <p><a href="javascript:alert(1)">पहला लिंक</a> <a href="JAVASCRIPT:alert(2)">दूसरा लिंक</a>
           <a href="jav&#x09;ascript:alert(3)">तीसरा लिंक</a> <a href=" javascript:alert(4)">चौथा लिंक</a>
           <a href="https://example.com/ख़बर" onclick="x()" target="_blank">सुरक्षित लिंक</a></p>
        <img src="https://example.com/a.jpg" onerror="alert('img')" onload="alert('load')" alt="चित्र">
        <svg onload="alert('svg')"><circle r="5"></circle><script>alert('svg-script')</script></svg>
        <iframe src="https://evil.example/" onload="alert('iframe')">फ़्रेम का पाठ</iframe>
        <h3>उपशीर्षक तीन</h3>
        <h4 onclick="x()">उपशीर्षक चार</h4>
        <blockquote>"हम शांति चाहते हैं," उन्होंने कहा।</blockquote>
        <ul><li>पहला बिंदु</li><li onclick="x()">दूसरा बिंदु</li></ul>
        <ol><li>एक</li><li>दो</li></ol>
        <figure><img src="https://example.com/b.jpg" alt="दूसरा चित्र"><figcaption>चित्र का विवरण</figcaption></figure>
        <object data="evil.swf"></object><embed src="evil.swf">
        <form action="https://evil.example/"><input name="q" onfocus="x()" autofocus></form>
        <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">डेटा लिंक</a>
        <p>आख़िरी पैराग्राफ़।</p>
        """;

    private long _id;
    private JsonElement _created;

    protected override string EditorKeyName => "संपादक";

    protected override async Task ArrangeAsync()
    {
        var input = FullArticle("सफ़ाई की जाँच वाला लेख", section: "khel");
        input["body"] = Hostile;
        var response = await CreateAsync(Editor, input);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        _created = await response.JsonAsync();
        _id = _created.GetProperty("id").GetInt64();
        await PublishWithETagAsync(Editor, _id, ETagOf(response));
    }

    [GeneratedRegex(@"\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    private static void AssertClean(string? served, string where)
    {
        Assert.That(served, Is.Not.Null, where);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(served, Does.Not.Contain("<script").IgnoreCase, where);
            Assert.That(EventHandlerAttribute().IsMatch(served!), Is.False, $"{where}: an on… attribute survived in {served}");
            Assert.That(served, Does.Not.Contain("javascript:").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("style").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("alert(").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<iframe").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<svg").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<object").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<embed").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<form").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("<input").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("data:text").IgnoreCase, where);
            Assert.That(served, Does.Not.Contain("document.write").IgnoreCase, where);
        }
    }

    [Test]
    public void The_body_returned_by_create_is_clean() =>
        AssertClean(_created.GetProperty("body").GetProperty("html").GetString(), "POST response");

    [Test]
    public async Task The_stored_body_is_clean_in_the_admin_api()
    {
        var article = await GetAdminAsync(Editor, _id);
        AssertClean(article.GetProperty("body").GetProperty("html").GetString(), "admin GET");
        AssertClean(article.GetProperty("excerpt").GetString(), "admin excerpt");
    }

    [Test]
    public async Task The_published_body_is_clean_in_every_public_format()
    {
        var response = await Public.GetAsync($"/v1/articles/{_id}?formats=html,text,blocks");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        var body = article.GetProperty("body");

        AssertClean(body.GetProperty("html").GetString(), "public html");
        AssertClean(body.GetProperty("text").GetString(), "public text");
        AssertClean(body.GetProperty("blocks").GetRawText(), "public blocks");
        AssertClean(article.GetProperty("excerpt").GetString(), "public excerpt");

        var bySlug = await Public.GetAsync($"/v1/articles/slug/{Uri.EscapeDataString(article.GetProperty("slug").GetString()!)}?formats=html,text,blocks");
        Assert.That(bySlug.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertClean(await bySlug.Content.ReadAsStringAsync(), "public by slug");
    }

    [Test]
    public async Task The_teaser_excerpt_and_the_public_lists_are_clean()
    {
        var teasers = await Public.GetAsync("/v1/teasers?section=khel");
        Assert.That(teasers.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await teasers.JsonAsync();
        var teaser = page.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetInt64() == _id);
        AssertClean(teaser.GetProperty("excerpt").GetString(), "teaser excerpt");
        Assert.That(teaser.GetProperty("excerpt").GetString(), Does.StartWith("सियोल से ख़बर"));

        var list = await Public.GetAsync("/v1/articles?section=khel&formats=html,text,blocks");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertClean(await list.Content.ReadAsStringAsync(), "public list");
    }

    [Test]
    public async Task Every_revision_snapshot_is_clean()
    {
        var response = await Editor.GetAsync($"{ArticlesUrl}/{_id}/revisions");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        AssertClean(await response.Content.ReadAsStringAsync(), "revisions");
    }

    [Test]
    public async Task Allowed_tags_and_safe_links_survive()
    {
        var article = await GetAdminAsync(Editor, _id);
        var html = article.GetProperty("body").GetProperty("html").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            foreach (var tag in new[] { "<p>", "<h2>", "<h3>", "<h4>", "<blockquote>", "<ul>", "<ol>", "<li>", "<strong>", "<em>", "<figure>", "<figcaption>" })
                Assert.That(html, Does.Contain(tag), tag);
            Assert.That(html, Does.Contain("<img src=\"https://example.com/a.jpg\" alt=\"चित्र\">"));
            Assert.That(html, Does.Contain("<img src=\"https://example.com/b.jpg\" alt=\"दूसरा चित्र\">"));
            Assert.That(html, Does.Match("<a href=\"https://example.com/[^\"]+\">सुरक्षित लिंक</a>"));
            Assert.That(html, Does.Contain("किम ने <strong>पुतिन</strong> से <em>बात</em> की।"));
            Assert.That(html, Does.Contain("<figcaption>चित्र का विवरण</figcaption>"));
            Assert.That(html, Does.Contain("<blockquote>\"हम शांति चाहते हैं,\" उन्होंने कहा।</blockquote>").Or.Contain("<blockquote>&quot;हम शांति चाहते हैं,&quot; उन्होंने कहा।</blockquote>"));
        }
    }

    [Test]
    public async Task Text_of_dropped_links_and_wrappers_is_kept_but_executable_content_is_not()
    {
        var response = await Public.GetAsync($"/v1/articles/{_id}?formats=text");
        var text = (await response.JsonAsync()).GetProperty("body").GetProperty("text").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            foreach (var kept in new[] { "पहला लिंक", "दूसरा लिंक", "तीसरा लिंक", "चौथा लिंक", "लाल पैराग्राफ़ बड़ा", "डेटा लिंक", "आख़िरी पैराग्राफ़।" })
                Assert.That(text, Does.Contain(kept), kept);
            Assert.That(text, Does.Not.Contain("फ़्रेम का पाठ"), "iframe fallback text is dropped with the iframe");
        }
    }

    [Test]
    public async Task Unwrapped_blocks_and_line_breaks_still_separate_words()
    {
        var input = FullArticle("हटाए गए टैग के बाद भी शब्द अलग");
        input["body"] = "<div>पहला</div><div>दूसरा</div><p>पंक्ति<br>अगली</p><table><tr><td>खाना</td><td>पानी</td></tr></table><h1>बड़ा</h1><p>शीर्षक</p>";

        var response = await CreateAsync(Editor, input);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var article = await response.JsonAsync();
        var html = article.GetProperty("body").GetProperty("html").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Does.Contain("पहला दूसरा"));
            Assert.That(html, Does.Contain("<p>पंक्ति अगली</p>"));
            Assert.That(html, Does.Contain("खाना पानी"));
            Assert.That(html, Does.Not.Contain("<div").And.Not.Contain("<br").And.Not.Contain("<table").And.Not.Contain("<h1"));
            Assert.That(article.GetProperty("excerpt").GetString(), Does.StartWith("पहला दूसरा"));
        }
    }

    [Test]
    public async Task Editing_with_patch_and_put_sanitises_too()
    {
        var (id, etag) = await CreatedAsync(Editor, FullArticle("संपादन के बाद भी सफ़ाई"));
        var patched = await PatchAsync(Editor, id, new { body = "<p onclick=\"x()\">पैच<script>alert(1)</script></p><a href=\"JaVaScRiPt:alert(2)\">लिंक</a>" }, etag);
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        AssertClean((await patched.JsonAsync()).GetProperty("body").GetProperty("html").GetString(), "after PATCH");

        var put = FullArticle("संपादन के बाद भी सफ़ाई");
        put["body"] = "<p style=\"x\">पुट</p><img src=x onerror=alert(1)><svg><g onload=\"alert(2)\"></g></svg>";
        var replaced = await PutAsync(Editor, id, put, ETagOf(patched));
        Assert.That(replaced.StatusCode, Is.EqualTo(HttpStatusCode.OK), await replaced.Content.ReadAsStringAsync());
        var html = (await replaced.JsonAsync()).GetProperty("body").GetProperty("html").GetString();
        AssertClean(html, "after PUT");
        Assert.That(html, Does.Contain("<p>पुट</p>"));
    }
}
