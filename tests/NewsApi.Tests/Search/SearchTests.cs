using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Search;

/// <summary>GET /v1/search: Devanagari tokenisation and normalisation, ranking, snippets, and queries that
/// look like FTS5 or SQL syntax.</summary>
[TestFixture]
public sealed partial class SearchTests : ApiTestBase
{
    private static readonly DateTimeOffset T0 = new(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
    private long _putin, _wife, _kim, _danda, _precomposedNukta, _decomposedNukta, _zwj, _plainKsha;
    private long _phraseInHeadline, _inHeadline, _inExcerpt, _inBody, _tieOld, _tieNew, _tieMiddle, _markup, _latin, _long;
    private readonly List<long> _phraseInBodies = [];

    protected override async Task ArrangeAsync()
    {
        var at = T0;
        async Task<long> Publish(string headline, string body, string? excerpt = null)
        {
            at = at.AddMinutes(10);
            return await PublishedAsync(Article(headline, body, excerpt), at);
        }

        // Tokenisation: vowel signs belong to their word.
        _putin = await Publish("पुतिन ने बैठक बुलाई", "<p>रूस के राष्ट्रपति पुतिन ने मंत्रियों से चर्चा की।</p>");
        _wife = await Publish("मंत्री की पत्नी का बयान", "<p>उनकी पत्नी ने कहा कि वे चुनाव नहीं लड़ेंगी।</p>");
        _kim = await Publish("किम की चेतावनी", "<p>उत्तर कोरिया के नेता किम ने मिसाइल परीक्षण किया।</p>");
        _danda = await Publish("संसद में चर्चा", "<p>नेता ने कहा कि यही असली बात। दल ने ‘समर्थन’ दिया और “विश्वास” जताया।</p>");
        // Nukta: precomposed ज़ (U+095B) in one article, decomposed ज + ़ (U+091C U+093C) in another.
        _precomposedNukta = await Publish("किसानों की \u095Bमीन का सर्वे", "<p>सरकार ने \u095Bमीन के रिकॉर्ड जारी किए।</p>");
        _decomposedNukta = await Publish("खिलाड़ी की \u091C\u093Cिंदगी पर फिल्म", "<p>फिल्म \u091C\u093Cिंदगी के संघर्ष दिखाती है।</p>");
        // Joiners: क्‍ष with a ZWJ inside in one article, plain क्ष in another.
        _zwj = await Publish("सीमा पर रक्\u200Dषा तैयारी", "<p>सेना ने रक्\u200Dषा अभ्यास किया।</p>");
        _plainKsha = await Publish("शहर की सुरक्षा कड़ी", "<p>पुलिस ने सुरक्षा बढ़ाई।</p>");

        // Ranking: the phrase in one headline; the same words in several bodies only (custom excerpts without them).
        _phraseInHeadline = await Publish("परमाणु समझौते पर सहमति", "<p>दोनों देशों के प्रतिनिधि जिनेवा में मिले।</p>");
        foreach (var n in new[] { "पहली", "दूसरी", "तीसरी" })
        {
            _phraseInBodies.Add(await Publish($"{n} वार्ता का ब्योरा",
                "<p>परमाणु समझौते पर लंबी बहस हुई। परमाणु समझौते के मसौदे पर परमाणु समझौते के विशेषज्ञ बोले।</p>", "वार्ता का ब्योरा"));
        }
        // Ranking by field: the same word once in a headline, an excerpt, a body (custom excerpts, so no derived copies).
        _inBody = await Publish("पहाड़ों में मौसम बदला", "<p>घाटी में हिमस्खलन की आशंका जताई गई है।</p>", "पहाड़ों में मौसम का हाल");
        _inExcerpt = await Publish("पहाड़ों में यातायात रुका", "<p>घाटी में सड़कें बंद हैं और लोग फंसे हैं।</p>", "घाटी में हिमस्खलन से रास्ते बंद");
        _inHeadline = await Publish("घाटी में हिमस्खलन से रास्ते बंद", "<p>पहाड़ों में सड़कें बंद हैं और लोग फंसे हैं।</p>", "पहाड़ों में यातायात का हाल");
        // Equal scores: identical text; created newest first so the id order disagrees with publication time.
        var tie = Article("ग्रहण का नज़ारा", "<p>लोगों ने आसमान में ग्रहण देखा।</p>");
        _tieNew = await PublishedAsync(tie, T0.AddDays(2));
        _tieOld = await PublishedAsync(tie, T0.AddDays(1));
        _tieMiddle = await PublishedAsync(tie, T0.AddDays(1).AddHours(12));
        // Snippets are HTML-escaped: the body holds a literal "<b>" written as an entity.
        _markup = await Publish("टैग की चर्चा", "<p>संपादक ने लिखा कि &lt;b&gt; चिह्न संकेत देता है।</p>");
        // Snippets show the text as written: Latin capitals, joiners.
        _latin = await Publish("शिखर बैठक की तैयारी", "<p>शिखर बैठक में G20 और NATO के कूटनीतिज्ञ पहुंचे।</p>");
        // A long body: the snippet is a window around the match, not the whole text.
        _long = await Publish("लंबी रिपोर्ट", "<p>" + string.Concat(Enumerable.Repeat("सामान्य वाक्य यहां लिखा है। ", 30)) +
            "अंत में दुर्लभशब्द आया।</p><p>" + string.Concat(Enumerable.Repeat("फिर से सामान्य वाक्य। ", 30)) + "</p>");
    }

    private async Task<long> PublishedAsync(Dictionary<string, object?> article, DateTimeOffset at) =>
        (await EditorialHttp.PublishedAsync(Editor, article, at)).GetProperty("id").GetInt64();

    /// <summary>An article with this body, and this excerpt when one is given (so the body's words stay out of it).</summary>
    private static Dictionary<string, object?> Article(string headline, string body, string? excerpt = null)
    {
        var article = EditorialHttp.Article(headline).With("body", body);
        return excerpt is null ? article : article.With("excerpt", excerpt);
    }

    private async Task<JsonElement> SearchAsync(string q)
    {
        var response = await Public.GetAsync("/v1/search?limit=100&q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), q + ": " + await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<List<long>> IdsAsync(string q) =>
        [.. (await SearchAsync(q)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64())];

    [Test]
    public async Task A_word_is_not_found_by_a_word_that_shares_only_its_consonants()
    {
        var putin = await IdsAsync("पुतिन");
        var kum = await IdsAsync("कुम");
        var beet = await IdsAsync("बीत");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(putin, Is.EqualTo(new[] { _putin }), "पुतिन finds पुतिन, not पत्नी");
            Assert.That(await IdsAsync("पत्नी"), Is.EqualTo(new[] { _wife }));
            Assert.That(kum, Does.Not.Contain(_kim), "कुम must not find किम");
            Assert.That(await IdsAsync("किम"), Is.EqualTo(new[] { _kim }));
            Assert.That(beet, Does.Not.Contain(_danda).And.Not.Contain(_putin), "बीत must not find बात");
        }
    }

    [TestCase("\u095Bमीन", nameof(_precomposedNukta), TestName = "Precomposed_nukta_query_finds_precomposed_text")]
    [TestCase("\u091C\u093Cमीन", nameof(_precomposedNukta), TestName = "Decomposed_nukta_query_finds_precomposed_text")]
    [TestCase("\u095Bिंदगी", nameof(_decomposedNukta), TestName = "Precomposed_nukta_query_finds_decomposed_text")]
    [TestCase("\u091C\u093Cिंदगी", nameof(_decomposedNukta), TestName = "Decomposed_nukta_query_finds_decomposed_text")]
    [TestCase("रक्षा", nameof(_zwj), TestName = "Plain_ksha_query_finds_text_with_a_zwj")]
    [TestCase("रक्\u200Cषा", nameof(_zwj), TestName = "Zwnj_ksha_query_finds_text_with_a_zwj")]
    [TestCase("सुरक्\u200Dषा", nameof(_plainKsha), TestName = "Zwj_ksha_query_finds_plain_text")]
    [TestCase("सुरक्\u200Cषा", nameof(_plainKsha), TestName = "Zwnj_ksha_query_finds_plain_text")]
    [TestCase("बात", nameof(_danda), TestName = "Danda_does_not_stick_to_the_word_before_it")]
    [TestCase("समर्थन", nameof(_danda), TestName = "Single_quotes_do_not_stick_to_the_word")]
    [TestCase("विश्वास", nameof(_danda), TestName = "Double_quotes_do_not_stick_to_the_word")]
    [TestCase("‘समर्थन’", nameof(_danda), TestName = "Quotes_in_the_query_are_ignored")]
    [TestCase("बात।", nameof(_danda), TestName = "Danda_in_the_query_is_ignored")]
    public async Task Normalisation_variants_find_the_same_article(string q, string field)
    {
        var expected = field switch
        {
            nameof(_precomposedNukta) => _precomposedNukta,
            nameof(_decomposedNukta) => _decomposedNukta,
            nameof(_zwj) => _zwj,
            nameof(_plainKsha) => _plainKsha,
            _ => _danda,
        };
        Assert.That(await IdsAsync(q), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task A_headline_phrase_ranks_its_article_first()
    {
        var ids = await IdsAsync("परमाणु समझौते");
        Assert.That(ids, Is.EquivalentTo(_phraseInBodies.Append(_phraseInHeadline)));
        Assert.That(ids[0], Is.EqualTo(_phraseInHeadline));
    }

    [Test]
    public async Task Headline_beats_excerpt_beats_body()
    {
        Assert.That(await IdsAsync("हिमस्खलन"), Is.EqualTo(new[] { _inHeadline, _inExcerpt, _inBody }));
    }

    [Test]
    public async Task Equal_scores_go_newest_first()
    {
        Assert.That(await IdsAsync("ग्रहण"), Is.EqualTo(new[] { _tieNew, _tieMiddle, _tieOld }));
    }

    [Test]
    public async Task Hits_are_teasers_with_a_marked_snippet()
    {
        var page = await SearchAsync("पुतिन");
        var hit = page.GetProperty("items").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit.GetProperty("headline").GetString(), Is.EqualTo("पुतिन ने बैठक बुलाई"));
            Assert.That(hit.GetProperty("section").GetProperty("slug").GetString(), Is.EqualTo("desh"));
            Assert.That(hit.GetProperty("url").GetString(), Is.Not.Empty);
            Assert.That(hit.GetProperty("matchedBy").GetString(), Is.EqualTo("text"));
            Assert.That(hit.GetProperty("snippet").GetString(), Does.Contain("<mark>पुतिन</mark>"));
            Assert.That(page.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task Snippets_are_html_escaped_apart_from_the_marks()
    {
        var hit = (await SearchAsync("संकेत")).GetProperty("items").EnumerateArray().Single();
        var snippet = hit.GetProperty("snippet").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit.GetProperty("id").GetInt64(), Is.EqualTo(_markup));
            Assert.That(snippet, Does.Contain("<mark>संकेत</mark>"));
            Assert.That(snippet, Does.Contain("&lt;b&gt;"));
            Assert.That(snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal), Does.Not.Contain("<").And.Not.Contain(">"));
        }
    }

    [Test]
    public async Task Snippets_show_the_text_as_written()
    {
        var byWord = (await SearchAsync("कूटनीतिज्ञ")).GetProperty("items").EnumerateArray().Single();
        var byLatin = (await SearchAsync("nato")).GetProperty("items").EnumerateArray().Single();
        var byJoiner = (await SearchAsync("रक्षा")).GetProperty("items").EnumerateArray().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(byWord.GetProperty("id").GetInt64(), Is.EqualTo(_latin));
            Assert.That(byWord.GetProperty("snippet").GetString(), Does.Contain("G20 और NATO के <mark>कूटनीतिज्ञ</mark>"), "not case-folded");
            Assert.That(byLatin.GetProperty("id").GetInt64(), Is.EqualTo(_latin));
            Assert.That(byLatin.GetProperty("snippet").GetString(), Does.Contain("<mark>NATO</mark>"));
            Assert.That(byJoiner.GetProperty("id").GetInt64(), Is.EqualTo(_zwj));
            Assert.That(byJoiner.GetProperty("snippet").GetString(), Does.Contain("<mark>रक्\u200Dषा</mark>"), "the joiner the editor typed stays");
        }
    }

    [Test]
    public async Task A_snippet_is_a_short_window_around_the_match()
    {
        var hit = (await SearchAsync("दुर्लभशब्द")).GetProperty("items").EnumerateArray().Single();
        var snippet = hit.GetProperty("snippet").GetString()!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hit.GetProperty("id").GetInt64(), Is.EqualTo(_long));
            Assert.That(snippet, Does.Contain("<mark>दुर्लभशब्द</mark>"));
            Assert.That(snippet, Does.StartWith("…").And.EndWith("…"));
            Assert.That(snippet.Split(' ', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(30));
            Assert.That(snippet, Does.Not.Contain("\n"));
        }
    }
}
