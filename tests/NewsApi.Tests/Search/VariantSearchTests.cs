using System.Net;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Search;

/// <summary>A query in one spelling finds articles in another, after the articles in its own; an empty answer
/// may carry a did-you-mean suggestion.</summary>
[TestFixture]
public sealed class VariantSearchTests : ApiTestBase
{
    private long _gaanv, _gaav, _baadh, _college, _collegeNoCandra, _older;

    protected override async Task ArrangeAsync()
    {
        var at = new DateTimeOffset(2025, 8, 1, 6, 0, 0, TimeSpan.Zero);
        async Task<long> Publish(string headline, string body) =>
            (await PublishedAsync(Editor, Article(headline).With("body", "<p>" + body + "</p>"), at = at.AddHours(1))).GetProperty("id").GetInt64();
        _older = await Publish("गांव में मेला", "गांव के लोग मेले में पहुंचे।");
        _gaanv = await Publish("गाँव तक पहुँची सड़क", "पहली बार गाँव के लोग पक्की सड़क पर चले।");
        _gaav = await Publish("गांव में बिजली आई", "गांव में पहली बार बिजली पहुंची।");
        _baadh = await Publish("असम में बाढ़ से तबाही", "बाढ़ का पानी कई ज़िलों में घुसा।");
        _college = await Publish("कॉलेज में दाखिले शुरू", "कॉलेज ने नई सूची जारी की।");
        _collegeNoCandra = await Publish("कालेज की फीस बढ़ी", "कालेज प्रशासन ने फ़ैसला सुनाया।");
    }

    private async Task<JsonElement> SearchAsync(string q)
    {
        var response = await Public.GetAsync("/v1/search?limit=100&q=" + Uri.EscapeDataString(q));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<List<(long Id, string MatchedBy, string Snippet)>> HitsAsync(string q) =>
        [.. (await SearchAsync(q)).GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("matchedBy").GetString()!, i.GetProperty("snippet").GetString()!))];

    [Test]
    public async Task Anusvara_finds_chandrabindu_after_the_exact_spelling()
    {
        var hits = await HitsAsync("गांव");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(hits.Take(2).Select(h => h.Id), Is.EquivalentTo(new[] { _gaav, _older }), "exact spellings first");
            Assert.That(hits.Skip(2).Select(h => h.Id), Is.EqualTo(new[] { _gaanv }), "then the variant");
            Assert.That(hits.Select(h => h.MatchedBy), Is.EqualTo(new[] { "text", "text", "variant" }));
            Assert.That(hits[2].Snippet, Does.Contain("<mark>गाँव</mark>"), "the variant is marked as written");
        }
    }

    [Test]
    public async Task Chandrabindu_finds_anusvara_too()
    {
        var hits = await HitsAsync("गाँव");
        Assert.That(hits[0], Is.EqualTo((_gaanv, "text", hits[0].Snippet)));
        Assert.That(hits.Skip(1).Select(h => (h.Id, h.MatchedBy)), Is.EquivalentTo(new[] { (_gaav, "variant"), (_older, "variant") }));
    }

    [TestCase("बाढ")]
    [TestCase("बाढ़")]
    [TestCase("ba\u0322")] // not Devanagari: finds nothing, no crash
    public async Task Nukta_is_optional(string q)
    {
        var hits = await HitsAsync(q);
        if (q.StartsWith('b')) Assert.That(hits, Is.Empty);
        else Assert.That(hits.Select(h => h.Id), Is.EqualTo(new[] { _baadh }));
    }

    [Test]
    public async Task Candra_o_and_aa_are_one_vowel_in_loanwords()
    {
        var withCandra = await HitsAsync("कॉलेज");
        var without = await HitsAsync("कालेज");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(withCandra.Select(h => (h.Id, h.MatchedBy)), Is.EqualTo(new[] { (_college, "text"), (_collegeNoCandra, "variant") }));
            Assert.That(without.Select(h => (h.Id, h.MatchedBy)), Is.EqualTo(new[] { (_collegeNoCandra, "text"), (_college, "variant") }));
        }
    }

    [Test]
    public async Task A_word_with_variants_in_two_places_needs_both()
    {
        var hits = await HitsAsync("गांव सडक");
        Assert.That(hits.Select(h => (h.Id, h.MatchedBy)), Is.EqualTo(new[] { (_gaanv, "variant") }));
    }

    [Test]
    public async Task An_empty_answer_suggests_the_frequent_word_one_edit_away()
    {
        var typo = await SearchAsync("कालिज");        // one vowel sign off कालेज/कॉलेज
        var missingLetter = await SearchAsync("बिजल");  // बिजली without its ी
        var found = await SearchAsync("बिजली");
        var nothingNear = await SearchAsync("ज्वालामुखी");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(typo.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(typo.GetProperty("suggestion").GetString(), Is.AnyOf("कॉलेज", "कालेज"));
            Assert.That(missingLetter.GetProperty("suggestion").GetString(), Is.EqualTo("बिजली"));
            Assert.That(found.GetProperty("suggestion").ValueKind, Is.EqualTo(JsonValueKind.Null), "hits: no suggestion");
            Assert.That(nothingNear.GetProperty("items").GetArrayLength(), Is.Zero);
            Assert.That(nothingNear.GetProperty("suggestion").ValueKind, Is.EqualTo(JsonValueKind.Null), "nothing one edit away");
        }
    }

    [Test]
    public async Task A_misspelt_romanised_word_suggests_the_devanagari_word()
    {
        var body = await SearchAsync("bijlo");
        Assert.That(body.GetProperty("items").GetArrayLength(), Is.Zero);
        Assert.That(body.GetProperty("suggestion").GetString(), Is.EqualTo("बिजली"));
    }
}
