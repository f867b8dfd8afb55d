using System.Net;
using Microsoft.Extensions.Options;
using NewsApi.Editorial;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Editorial;

/// <summary>Sanitising is bounded: pathological markup is refused with a 400 naming body before any
/// expensive work, and what is accepted is sanitised in one pass.</summary>
[TestFixture]
public sealed class BodyLimitsTests : ApiTestBase
{
    private HttpClient _author = null!;

    protected override async Task ArrangeAsync()
    {
        _author = await ClientAsync("author", authorSlug: "ravi", name: "लेखक");
        // The parser starts as unoptimised code (tiered JIT). Parsed cold on a busy machine, ten thousand nested <b>
        // can outlast the 3 s parse deadline and be refused for time rather than for depth, depending on which
        // tests happened to run first. Parse bodies of that shape a few times, as a running service would have.
        var sanitizer = new BodySanitizer(Options.Create(new BodyLimits()));
        for (var i = 0; i < 30; i++) await sanitizer.SanitizeAsync(string.Concat(Enumerable.Repeat("<b>", 2_000)) + "मोटा");
    }

    private static readonly string[] Pathological =
    [
        "<p>" + string.Concat(Enumerable.Repeat("<i>अ</i>", 100_000)) + "</p>",
        string.Concat(Enumerable.Repeat("क<br>", 100_000)),
        string.Concat(Enumerable.Repeat("<div>", 10_000)) + "गहरा",
        string.Concat(Enumerable.Repeat("<b>", 10_000)) + "मोटा",
        // What a scan that misreads the tokenizer would let through to the parser:
        "<!-->" + string.Concat(Enumerable.Repeat("<div>", 40_000)) + "x-->",
        "<!----!>" + string.Concat(Enumerable.Repeat("<i>a</i>", 100_000)) + "<!---->",
        string.Concat(Enumerable.Repeat("<div/>", 9_999)) + "x",
        string.Concat(Enumerable.Range(0, 9_999).Select(i => $"<b id={i} />")) + "x",
        "<p>" + string.Concat(Enumerable.Range(0, 60).Select(i => $"<b id={i}>")) + string.Concat(Enumerable.Repeat("</p><p>x", 8_000)),
    ];

    [TestCaseSource(nameof(Pathological))]
    public async Task Pathological_markup_is_refused_with_a_400_naming_body_and_nothing_is_saved(string body)
    {
        var before = await CountAdminArticlesAsync(_author);
        var article = Article(Unique("भारी-मसौदा"));
        article["body"] = body;

        using var response = await CreateAsync(_author, article);

        var problem = await response.AssertProblemAsync(400);
        var message = problem.GetProperty("errors").GetProperty("body")[0].GetString();
        Assert.That(message, Does.Contain("at most"));
        Assert.That(await CountAdminArticlesAsync(_author), Is.EqualTo(before));
    }

    [Test]
    public async Task A_body_just_under_the_caps_is_accepted_with_its_words()
    {
        var article = Article(Unique("लंबा-मसौदा"));
        article["body"] = "<p>" + string.Concat(Enumerable.Repeat("<i>अक्षर</i> ", 9_000)) + "</p>" +
                          string.Concat(Enumerable.Repeat("<div>", 60)) + "गहराई" + string.Concat(Enumerable.Repeat("</div>", 60));

        using var response = await CreateAsync(_author, article);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var html = (await response.JsonAsync()).GetProperty("body").GetProperty("html").GetString()!;
        Assert.That(html, Does.StartWith("<p>अक्षर अक्षर").And.EndWith("गहराई").And.Not.Contain("<i>").And.Not.Contain("<div"));
    }

    [Test]
    public async Task The_caps_are_configurable()
    {
        var sanitizer = new BodySanitizer(Options.Create(new BodyLimits { MaxElements = 4, MaxDepth = 3 }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That((await sanitizer.SanitizeAsync("<p>क</p><p>ख</p><p>ग</p><p>घ</p>")).Refusal, Is.Null);
            Assert.That((await sanitizer.SanitizeAsync("<p>क</p><p>ख</p><p>ग</p><p>घ</p><p>ङ</p>")).Refusal, Does.Contain("more than 4 elements"));
            Assert.That((await sanitizer.SanitizeAsync("<blockquote><ul><li>क</li></ul></blockquote>")).Refusal, Is.Null);
            Assert.That((await sanitizer.SanitizeAsync("<blockquote><ul><li><em>क</em></li></ul></blockquote>")).Refusal, Does.Contain("at most 3 levels"));
        }
    }

    private static readonly string[] Sloppy =
    [
        string.Concat(Enumerable.Repeat("<p><span style=\"color:red\">ख़बर</p>", 100)),
        string.Concat(Enumerable.Repeat("<p><strong>ज़रूरी</p>", 100)),
        string.Concat(Enumerable.Repeat("<p><a name=\"x\">कड़ी</p>", 100)),
        string.Concat(Enumerable.Repeat("<script>for(i=0;i<n;i++){}</script><p>पाठ</p>", 100)),
        string.Concat(Enumerable.Repeat("<p>1 < 2 और a<b</p>", 100)),
        string.Concat(Enumerable.Repeat("<ul><li>एक<li>दो</ul><svg viewBox=\"0 0 1 1\"><path d=\"M0\"/><circle r=\"1\"/></svg><table><tr><td>क<td>ख</table>", 100)),
    ];

    [TestCaseSource(nameof(Sloppy))]
    public async Task Sloppy_everyday_markup_is_not_mistaken_for_deep_nesting(string html)
    {
        var sanitized = await new BodySanitizer(Options.Create(new BodyLimits())).SanitizeAsync(html);
        Assert.That(sanitized.Refusal, Is.Null);
    }

    [Test]
    public async Task The_parser_has_a_deadline()
    {
        var sanitizer = new BodySanitizer(Options.Create(new BodyLimits { MaxParseTime = TimeSpan.FromTicks(1), MaxElements = int.MaxValue }));
        var sanitized = await sanitizer.SanitizeAsync(string.Concat(Enumerable.Repeat("<p>अनुच्छेद <em>ज़ोर</em></p>", 200_000)));
        Assert.That(sanitized.Refusal, Does.Contain("took longer than"));
    }

    [Test]
    public void A_cancelled_request_stops_the_work()
    {
        var sanitizer = new BodySanitizer(Options.Create(new BodyLimits()));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAsync<OperationCanceledException>(() => sanitizer.SanitizeAsync("<p>" + string.Concat(Enumerable.Repeat("<em>क</em>", 5_000)) + "</p>", cancelled.Token));
    }

    [TestCase("<a href=\"java&#x09;script:alert(1)\">क</a>", "<a>क</a>")]
    [TestCase("<a href=\"  https://example.in/ख़बर \">ख</a>", "<a href=\"https://example.in/ख़बर\">ख</a>")]
    [TestCase("<a href=\"/desh/किम\" title='a\"<b'>ग</a>", "<a href=\"/desh/किम\" title=\"a&quot;&lt;b\">ग</a>")]
    [TestCase("<p>क &amp; ख &lt; ग&nbsp;घ</p>", "<p>क &amp; ख &lt; ग&nbsp;घ</p>")]
    [TestCase("<a href=\"microsoft-edge-holographic:https://evil\">क</a><a href=\"web+aaaaaaaaaaaaaaaaa:x\">ख</a>", "<a>क</a><a>ख</a>")]
    [TestCase("<p>पाठ</p><plaintext>x</p><isindex>", "<p>पाठ</p>")]
    [TestCase("<div>क्ष</div><div>श्री</div>", "क्ष श्री")]
    [TestCase("<p>सड़क<br>गाँव‍<span>ज़्‌ल</span></p>", "<p>सड़क गाँव‍ज़्‌ल</p>")]
    [TestCase("<IMG SRC=\"https://example.in/a.jpg\" ALT=\"चित्र\" onerror=\"x()\">", "<img src=\"https://example.in/a.jpg\" alt=\"चित्र\">")]
    public async Task Sanitised_markup_is_exact(string html, string expected)
    {
        var sanitizer = new BodySanitizer(Options.Create(new BodyLimits()));
        Assert.That((await sanitizer.SanitizeAsync(html)).Html, Is.EqualTo(expected));
    }

    /// <summary>The caps are configuration: here at most two elements.</summary>
    [TestFixture]
    public sealed class ConfiguredCaps : ApiTestBase
    {
        protected override void ConfigureSettings(Dictionary<string, string?> settings) => settings["NewsApi:Body:MaxElements"] = "2";

        [Test]
        public async Task Caps_come_from_configuration()
        {
            var article = Article(Unique("तीन-अनुच्छेद"));
            article["body"] = "<p>एक</p><p>दो</p><p>तीन</p>";

            using var response = await CreateAsync(Editor, article);

            var problem = await response.AssertProblemAsync(400);
            Assert.That(problem.GetProperty("errors").GetProperty("body")[0].GetString(), Does.Contain("more than 2 elements"));
        }
    }
}
