namespace NewsApi.Cli;

// Rare words. The seed page's vocabulary is small, so every word of the generated corpus is in hundreds of
// articles or more, and a benchmark of a "rare" search measured a common one. These are made-up Devanagari
// words (three consonant-vowel syllables, none a word of the seed page), each put in a handful of articles.
public static partial class GenerateCorpus
{
    private const string Consonants = "कखगघचछजझटठडढतथदधनपफबभमयरलवशसह";
    private static readonly string[] VowelSigns = ["", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ"];

    /// <summary>The candidates, the same for every seed: 200 distinct words (a generated corpus uses those
    /// that are not seed-page words, at most one per 20 articles).</summary>
    public static IReadOnlyList<string> RareWords { get; } = MakeRareWords(200);

    private static List<string> MakeRareWords(int count)
    {
        var syllables = Consonants.SelectMany(c => VowelSigns.Select(v => c + v)).ToArray();
        var words = new List<string>();
        // Three strides through the syllables, so neighbouring words share no syllable.
        for (var k = 0; words.Count < count; k++)
        {
            var word = syllables[k % syllables.Length] + syllables[(k * 131 + 17) % syllables.Length] + syllables[(k * 197 + 59) % syllables.Length];
            if (!words.Contains(word)) words.Add(word);
        }
        return words;
    }

    /// <summary>Which rare words go into which article (by its place n in this run): each word into 2 to 6
    /// articles. Drawn from a stream of its own per word (seeds apart from the articles'), so the articles'
    /// own draws, and so the rest of the corpus, do not change with it.</summary>
    private static Dictionary<int, List<string>> RarePlacements(int seed, int count, HashSet<string> vocabulary)
    {
        var placements = new Dictionary<int, List<string>>();
        var words = RareWords.Where(w => !vocabulary.Contains(w)).Take(Math.Max(1, count / 20)).ToList();
        for (var w = 0; w < words.Count; w++)
        {
            var random = new Random(ArticleSeed(seed, -1 - w));
            for (var times = 2 + random.Next(5); times > 0; times--)
            {
                var n = random.Next(count);
                if (!placements.TryGetValue(n, out var list)) placements[n] = list = [];
                if (!list.Contains(words[w])) list.Add(words[w]);
            }
        }
        return placements;
    }

    /// <summary>The paragraph with <paramref name="words"/> added to its last sentence.</summary>
    private static string WithRareWords(string paragraph, List<string> words) =>
        paragraph[..^1] + " " + string.Join(' ', words) + "।";
}
