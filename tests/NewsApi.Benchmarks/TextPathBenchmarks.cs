using System.Text;
using BenchmarkDotNet.Attributes;
using NewsApi.Search;
using NewsApi.Text;

namespace NewsApi.Benchmarks;

/// <summary>The text paths of every write (slug, excerpt, search text, romanised keys, body to text) and of
/// reads (blocks, snippets), on real Hindi: <c>Headline</c> is the short input (~100 characters), <c>Body</c>
/// the whole seed article (~1,800 characters, 9 paragraphs).
/// Run: dotnet run -c Release --project tests/NewsApi.Benchmarks -- --filter '*TextPath*' --job short</summary>
[MemoryDiagnoser]
public class TextPathBenchmarks
{
    public enum Input { Headline, Body }

    [ParamsAllValues]
    public Input Text { get; set; }

    private static readonly DateTimeOffset PublishedAt = new(2025, 8, 13, 9, 30, 0, TimeSpan.Zero);

    // A two-word query, as SearchService matches a snippet's words (by their normalised form).
    private static readonly HashSet<string> QueryWords = new(["किम", "पुतिन"], StringComparer.Ordinal);

    private string _html = "";        // stored body HTML, as the demo loader writes it
    private string _plain = "";       // the body as BodyHtml.ToText gives it to the excerpt, slug and index
    private string _normalized = "";
    private string[] _snippetTexts = [];
    private string[] _devanagari = []; // the words Romanizer keys are made for

    [GlobalSetup]
    public void Setup()
    {
        string[] paragraphs = Text == Input.Body ? HindiSample.Paragraphs : [HindiSample.Headline];
        _html = BodyHtml.FromParagraphs(paragraphs);
        _plain = BodyHtml.ToText(_html);
        _normalized = SearchText.Normalize(_plain);
        // What a search hit offers for its snippet: body, excerpt, headline (the short case: the headline alone).
        _snippetTexts = Text == Input.Body ? [_plain, Excerpt.From(_plain), HindiSample.Headline] : [HindiSample.Headline];
        _devanagari = [.. SearchText.Tokens(_normalized).Where(SearchText.IsDevanagari)];
    }

    /// <summary>NFC alone, the floor under SearchText.Normalize and Slug.</summary>
    [Benchmark] public string Nfc() => _plain.Normalize(NormalizationForm.FormC);

    [Benchmark] public string SearchText_Normalize() => SearchText.Normalize(_plain);

    [Benchmark] public int SearchText_Tokens() => SearchText.Tokens(_normalized).Count;

    [Benchmark] public string Excerpt_From() => Excerpt.From(_plain);

    [Benchmark] public string Slug_From() => Slug.From(_plain);

    [Benchmark] public string Slug_Key() => Slug.Key(_plain);

    /// <summary>A fresh per-page word cache each call: the cost of the first hit on a page.</summary>
    [Benchmark] public string Snippets_Build() => Snippets.Build(_snippetTexts, w => QueryWords.Contains(w) ? w : null);

    /// <summary>As production calls it: after a word's first sight, Key is a dictionary lookup.</summary>
    [Benchmark]
    public int Romanizer_Key_cached()
    {
        var length = 0;
        foreach (var word in _devanagari) length += Romanizer.Key(word)?.Length ?? 0;
        return length;
    }

    /// <summary>A word's first sight (what Key caches): transliterate, then reduce.</summary>
    [Benchmark]
    public int Romanizer_Key_uncached()
    {
        var length = 0;
        foreach (var word in _devanagari) length += Romanizer.Reduce(Romanizer.Transliterate(word))?.Length ?? 0;
        return length;
    }

    /// <summary>Everything a write derives for the search index: three normalised fields and the romanised keys.</summary>
    [Benchmark] public SearchDocument SearchIndex_Document() => SearchIndex.Document(1, PublishedAt, HindiSample.Headline, "", _plain);

    [Benchmark] public IReadOnlyList<BodyBlock> BodyHtml_ToBlocks() => BodyHtml.ToBlocks(_html);

    [Benchmark] public string BodyHtml_ToText() => BodyHtml.ToText(_html);
}
