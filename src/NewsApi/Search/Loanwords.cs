namespace NewsApi.Search;

/// <summary>English words typed in Latin letters (<c>drone</c>, <c>station</c>, <c>liberation</c>) matched to the
/// Devanagari that Hindi news writes for them (ड्रोन, स्टेशन, लिबरेशन). The <see cref="Romanizer"/> key reads
/// Latin as romanised Hindi, where <c>station</c> is "s-t-a-t-i-o-n"; here an English word is first respelt the
/// way Hindi writes its sounds, in the few ways English spelling leaves open, and each respelling is keyed by
/// the same <see cref="Romanizer.Reduce"/>, so it meets the key already stored for the Devanagari word (no
/// second index). Rules: <c>-tion</c>/<c>-sion</c> → शन (and <c>-sion</c> → जन), <c>-ture</c> → चर, a silent
/// final <c>e</c>, <c>c</c> → स before e/i/y else क, <c>cc</c> → क्स before e/i, <c>g</c> → ज before e/i and a final
/// <c>-ge</c>/<c>dg</c> → ज, <c>ck</c>, <c>qu</c> → क्व, <c>x</c> → क्स, <c>ph</c> → फ, <c>th</c> → थ/द, <c>w</c>/<c>v</c>,
/// <c>sch</c> → स्क, <c>ch</c> → च/क, <c>igh</c> → आइ, doubled consonants single, <c>ea</c>/<c>ee</c> → ई, <c>oo</c> → ऊ,
/// <c>ai</c>/<c>ay</c> → ए, <c>ou</c>/<c>ow</c> → ओ/औ, <c>ew</c> → यू, <c>-er</c>/<c>-or</c> → अर; and for each vowel
/// letter the sounds Hindi spells it with: a → अ/आ or ए/ऐ (station स्टेशन, tariff टैरिफ), e → ए, इ or (before r, l) the
/// inherent vowel, i → इ or आइ (mobile मोबाइल), o → ओ/ऑ or (before m, n, r) अ (control कंट्रोल), u → उ/अ or यू (computer कंप्यूटर),
/// y → ई or आइ.</summary>
public static class Loanwords
{
    /// <summary>Respellings per word at most: each vowel letter doubles or triples them.</summary>
    public const int MaxKeys = 48;

    /// <summary>Shorter words are left to the Hindi key: their respellings meet too many short Hindi words.</summary>
    public const int MinLength = 4;

    /// <summary>Shorter keys (two consonants) meet too many Hindi words.</summary>
    public const int MinKeyLength = 3;

    /// <summary>The keys of a Latin word's English-pronunciation respellings, its Hindi key excluded; empty
    /// for short words, non-Latin words and words with digits.</summary>
    public static IReadOnlyList<string> Keys(string token)
    {
        if (token.Length < MinLength || !token.All(c => c is >= 'a' and <= 'z')) return [];
        var hindi = Romanizer.Reduce(token);
        var keys = new List<string>();
        foreach (var spelling in Respell(token))
            if (Romanizer.Reduce(spelling) is { Length: >= MinKeyLength } key && key != hindi && !keys.Contains(key, StringComparer.Ordinal)) keys.Add(key);
        return keys;
    }

    /// <summary>Whether a word is spelt the English way, never the way Hindi is romanised: -tion, -sion, -ture, ck,
    /// a c not in ch, x, q, ff. Such a word's respellings are searched even when its Hindi key found articles
    /// (tariff: तारीफ, "praise", has tariff's Hindi key).</summary>
    public static bool LooksEnglish(string token) =>
        token.Contains("tion", StringComparison.Ordinal) || token.Contains("sion", StringComparison.Ordinal) || token.Contains("ture", StringComparison.Ordinal)
        || token.Contains("ck", StringComparison.Ordinal) || token.Contains("ff", StringComparison.Ordinal) || token.Contains('x') || token.Contains('q')
        || token.Select((c, i) => c == 'c' && (i + 1 >= token.Length || token[i + 1] != 'h')).Any(b => b);

    /// <summary>The respellings, most likely first (each position's first option before its others).</summary>
    public static List<string> Respell(string word)
    {
        var w = Collapse(word);
        // A silent final e after a consonant (drone, brigade); -ce is स (police), -ge is ज (college, below).
        // -are is एयर (share शेयर, software सॉफ्टवेयर).
        if (w.EndsWith("are", StringComparison.Ordinal)) w = w[..^3] + "eyar";
        else if (w.Length > 3 && w[^1] == 'e' && !IsVowel(w[^2]) && w[^2] != 'g') w = w[^2] == 'c' ? w[..^2] + "s" : w[..^1];
        var spellings = new List<string> { "" };
        var i = 0;
        while (i < w.Length)
        {
            var (options, used) = Options(w, i);
            var next = new List<string>(Math.Min(MaxKeys, spellings.Count * options.Length));
            foreach (var option in options)
                foreach (var s in spellings)
                    if (next.Count < MaxKeys) next.Add(s + option);
            spellings = next;
            i += used;
        }
        return spellings;
    }

    /// <summary>The Hindi-like spellings of the letters at <paramref name="i"/>, and how many letters they cover.</summary>
    private static (string[] Options, int Used) Options(string w, int i)
    {
        bool At(string s) => string.CompareOrdinal(w, i, s, 0, s.Length) == 0;
        char Next(int k) => i + k < w.Length ? w[i + k] : '\0';
        var end = w.Length - i;
        var last = i == w.Length - 1;
        if (At("tion")) return (["shan"], 4);
        if (At("sion")) return (["shan", "jan"], 4);
        if (At("ture")) return (["char"], 4);
        if (At("sure")) return (["shar", "jar"], 4);
        if (At("igh")) return (["ai"], 3);
        if (At("sch")) return (["sk"], 3);
        if (At("tch")) return (["ch"], 3);
        if (end == 3 && At("dge")) return (["j"], 3);
        if (At("dg")) return (["j"], 2);
        if (end == 2 && At("ge")) return (["j"], 2);
        if (At("ch")) return (["ch", "k"], 2);
        if (At("ck")) return (["k"], 2);
        if (At("ph")) return (["f"], 2);
        if (At("th")) return (["th", "d"], 2);
        if (At("wh")) return (["v"], 2);
        if (At("qu")) return (["kv"], 2);
        if (At("cc") && Next(2) is 'e' or 'i') return (["ks"], 2);
        // -eer, -ear at the end: इयर (engineer इंजीनियर, nuclear न्यूक्लियर).
        if (end == 3 && (At("eer") || At("ear"))) return (["iyar", "ir"], 3);
        if (At("ee") || At("ea") || At("ie")) return (["i"], 2);
        if (At("oo")) return (["u"], 2);
        if (At("ai") || At("ay") || At("ei") || (At("ey") && end > 2 && !IsVowel(Next(2)))) return (["e"], 2);
        if (At("oa")) return (["o"], 2);
        if (At("ou")) return (["o", "au", "u"], 2);
        if (At("ow")) return (["o", "au"], 2);
        if (At("aw") || At("au")) return (["o"], 2);
        if (At("ew")) return (["yu"], 2);
        if (At("oi") || At("oy")) return (["oy"], 2);
        if (At("wa") && Next(2) is not ('y' or 'i')) return (["va", "vo"], 2);
        if (end == 2 && At("gn")) return (["n"], 2);
        // -er, -or, -ar at the end: the inherent vowel (computer कंप्यूटर, doctor डॉक्टर).
        if (end == 2 && Next(1) == 'r' && w[i] is 'e' or 'o' or 'a') return (["ar"], 2);
        var c = w[i];
        return c switch
        {
            'c' => (Next(1) is 'e' or 'i' or 'y' ? ["s"] : ["k"], 1),
            'g' => (Next(1) is 'e' or 'i' or 'y' ? ["g", "j"] : ["g"], 1),
            's' when i > 0 && IsVowel(w[i - 1]) && IsVowel(Next(1)) => (["s", "j"], 1),
            'x' => (["ks"], 1),
            'w' => (["v"], 1),
            // Before l and a consonant or the end it is also ऑ (football फुटबॉल, ball बॉल).
            'a' when Next(1) == 'l' && !IsVowel(Next(2)) => (["a", "o", "e"], 1),
            'a' => (["a", "e"], 1),
            // Before r or l it may be the inherent vowel (liberation लिबरेशन, internet इंटरनेट, camera कैमरा).
            // … and before a final consonant (ticket टिकट, budget बजट; market मार्केट keeps it).
            'e' => (i == 0 ? ["i", "e"] : Next(1) is 'r' or 'l' || end == 2 ? ["e", "i", "a"] : ["e", "i"], 1),
            // i before a vowel is इय (media मीडिया, video वीडियो); before r also आय (director डायरेक्टर).
            'i' when IsVowel(Next(1)) => (["iy"], 1),
            'i' when Next(1) == 'r' => (["i", "ai", "ay"], 1),
            'i' => (["i", "ai"], 1),
            // Before m, n, r or l it may be the inherent vowel or उ (computer कंप्यूटर, control कंट्रोल, network नेटवर्क, police पुलिस).
            'o' => (Next(1) is 'm' or 'n' or 'r' or 'l' ? ["o", "a"] : ["o"], 1),
            'u' => (["u", "yu"], 1),
            'y' when i > 0 && !IsVowel(w[i - 1]) => (last ? ["i"] : ["i", "ai", "a"], 1),
            _ => ([c.ToString()], 1),
        };
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>Doubled consonants single (tariff, college, washington's none); <c>cc</c> stays (vaccine).</summary>
    private static string Collapse(string word)
    {
        var sb = new System.Text.StringBuilder(word.Length);
        foreach (var c in word)
            if (sb.Length == 0 || sb[^1] != c || IsVowel(c) || c == 'c') sb.Append(c);
        return sb.ToString();
    }
}
