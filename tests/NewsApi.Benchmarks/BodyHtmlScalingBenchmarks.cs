using BenchmarkDotNet.Attributes;
using NewsApi.Text;

namespace NewsApi.Benchmarks;

/// <summary>BodyHtml on N inline elements (<c>किम &lt;em&gt;पुतिन&lt;/em&gt;</c>), laid out three ways: all in
/// one paragraph, loose at the top level, one per paragraph. 10× N should cost about 10× the time; N = 10,000
/// is the sanitiser's default element cap, so it is the worst body that can be stored.
/// Run: dotnet run -c Release --project tests/NewsApi.Benchmarks -- --filter '*BodyHtmlScaling*' --job short</summary>
[MemoryDiagnoser]
public class BodyHtmlScalingBenchmarks
{
    public enum Shape { OneParagraph, Loose, Paragraphs }

    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [ParamsAllValues]
    public Shape Layout { get; set; }

    private string _html = "";

    [GlobalSetup]
    public void Setup()
    {
        const string unit = "किम <em>पुतिन</em> ";
        _html = Layout switch
        {
            Shape.OneParagraph => "<p>" + Repeat(unit, N) + "</p>",
            Shape.Loose => Repeat(unit, N),
            _ => Repeat("<p>" + unit + "</p>", N),
        };
    }

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    [Benchmark] public IReadOnlyList<BodyBlock> ToBlocks() => BodyHtml.ToBlocks(_html);

    [Benchmark] public string ToText() => BodyHtml.ToText(_html);
}
