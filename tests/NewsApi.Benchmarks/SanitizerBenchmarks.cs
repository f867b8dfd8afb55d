using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using NewsApi.Editorial;

namespace NewsApi.Benchmarks;

/// <summary>Sanitising stays linear in the body's size and pathological bodies are refused cheaply.
/// <c>Refused_*</c> run with the default limits (the 400 path); <c>Linear_*</c> lift the element cap
/// to show that 10× the tags costs about 10× the time (HtmlSanitizer, before: 90,000 &lt;i&gt; = 66 s).
/// Run: dotnet run -c Release --project tests/NewsApi.Benchmarks -- --filter '*Sanitizer*'</summary>
[MemoryDiagnoser]
public class SanitizerBenchmarks
{
    private static readonly BodySanitizer Defaults = new(Options.Create(new BodyLimits()));
    private static readonly BodySanitizer Uncapped = new(Options.Create(new BodyLimits { MaxElements = int.MaxValue }));

    private static string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));

    private readonly string _italic100K = "<p>" + Repeat("<i>a</i>", 100_000) + "</p>";
    private readonly string _italic10K = "<p>" + Repeat("<i>a</i>", 10_000) + "</p>";
    private readonly string _breaks100K = Repeat("a<br>", 100_000);
    private readonly string _breaks10K = Repeat("a<br>", 10_000);
    private readonly string _nested10K = Repeat("<div>", 10_000) + "x";
    private readonly string _commentTrick = "<!-->" + Repeat("<div>", 40_000) + "x-->";
    private readonly string _openFormatting = "<p>" + string.Concat(Enumerable.Range(0, 60).Select(i => $"<b id={i}>")) + Repeat("</p><p>x", 8_000);
    private readonly string _longRead = Repeat("<p>किम ने <em>पुतिन</em> से फ़ोन पर बात की और क्षेत्रीय सुरक्षा पर चर्चा की।</p>", 3_000);

    [Benchmark] public Task<SanitizedBody> Refused_italic_100k() => Defaults.SanitizeAsync(_italic100K);
    [Benchmark] public Task<SanitizedBody> Refused_breaks_100k() => Defaults.SanitizeAsync(_breaks100K);
    [Benchmark] public Task<SanitizedBody> Refused_nested_10k() => Defaults.SanitizeAsync(_nested10K);
    [Benchmark] public Task<SanitizedBody> Refused_comment_trick_40k() => Defaults.SanitizeAsync(_commentTrick);
    [Benchmark] public Task<SanitizedBody> Refused_open_formatting_60x8k() => Defaults.SanitizeAsync(_openFormatting);
    [Benchmark] public Task<SanitizedBody> Accepted_long_read_6k_elements() => Defaults.SanitizeAsync(_longRead);
    [Benchmark] public Task<SanitizedBody> Linear_italic_10k() => Uncapped.SanitizeAsync(_italic10K);
    [Benchmark] public Task<SanitizedBody> Linear_italic_100k() => Uncapped.SanitizeAsync(_italic100K);
    [Benchmark] public Task<SanitizedBody> Linear_breaks_10k() => Uncapped.SanitizeAsync(_breaks10K);
    [Benchmark] public Task<SanitizedBody> Linear_breaks_100k() => Uncapped.SanitizeAsync(_breaks100K);
}
