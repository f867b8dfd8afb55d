using System.Text;

namespace NewsApi.Search;

/// <summary>Phonetic keys that let romanised Hindi (<c>putin</c>, <c>bhukamp</c>, <c>modi</c>) find the
/// Devanagari words it spells (पुतिन, भूकंप, मोदी). A Devanagari word is transliterated to rough Latin;
/// that and a typed Latin word then go through the same reduction, which forgives the ways people
/// romanise Hindi: a/aa/u and the inherent vowel dropped, long and short i merged, aspiration dropped
/// (bh = b), ch/chh, sh/s, ph/f, w/v, z/j, c/k/q, m/n before p and b, doubled letters.</summary>
public static class Romanizer
{
    private static readonly Dictionary<char, string> Consonants = new()
    {
        ['क'] = "k", ['ख'] = "kh", ['ग'] = "g", ['घ'] = "gh", ['ङ'] = "n",
        ['च'] = "ch", ['छ'] = "chh", ['ज'] = "j", ['झ'] = "jh", ['ञ'] = "n",
        ['ट'] = "t", ['ठ'] = "th", ['ड'] = "d", ['ढ'] = "dh", ['ण'] = "n",
        ['त'] = "t", ['थ'] = "th", ['द'] = "d", ['ध'] = "dh", ['न'] = "n", ['ऩ'] = "n",
        ['प'] = "p", ['फ'] = "ph", ['ब'] = "b", ['भ'] = "bh", ['म'] = "m",
        ['य'] = "y", ['र'] = "r", ['ऱ'] = "r", ['ल'] = "l", ['ळ'] = "l", ['व'] = "v",
        ['श'] = "sh", ['ष'] = "sh", ['स'] = "s", ['ह'] = "h",
    };

    // Consonant + nukta (U+093C), as NFC leaves them decomposed.
    private static readonly Dictionary<char, string> Nukta = new()
    {
        ['क'] = "k", ['ख'] = "kh", ['ग'] = "g", ['ज'] = "z", ['ड'] = "d", ['ढ'] = "dh", ['फ'] = "f", ['य'] = "y",
    };

    private static readonly Dictionary<char, string> Vowels = new()
    {
        ['अ'] = "a", ['आ'] = "a", ['इ'] = "i", ['ई'] = "i", ['उ'] = "u", ['ऊ'] = "u", ['ऋ'] = "ri",
        ['ए'] = "e", ['ऐ'] = "e", ['ओ'] = "o", ['औ'] = "o", ['ऑ'] = "o", ['ऍ'] = "e", ['ऎ'] = "e", ['ऒ'] = "o",
        ['ा'] = "a", ['ि'] = "i", ['ी'] = "i", ['ु'] = "u", ['ू'] = "u", ['ृ'] = "ri",
        ['े'] = "e", ['ै'] = "e", ['ो'] = "o", ['ौ'] = "o", ['ॉ'] = "o", ['ॅ'] = "e", ['ॆ'] = "e", ['ॊ'] = "o",
        ['ं'] = "n", ['ँ'] = "n", ['ः'] = "h",
    };

    /// <summary>The key of one normalised token (Devanagari or Latin), or null when it has none.</summary>
    public static string? Key(string token)
    {
        if (SearchText.IsDevanagari(token)) return Reduce(Transliterate(token));
        return SearchText.IsLatin(token) ? Reduce(token) : null;
    }

    /// <summary>Rough Latin for a Devanagari word; the inherent vowel is written inside the word only.</summary>
    public static string Transliterate(string word)
    {
        var sb = new StringBuilder(word.Length * 2);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            var next = i + 1 < word.Length ? word[i + 1] : '\0';
            if (Consonants.TryGetValue(c, out var latin))
            {
                if (next == '\u093C' && Nukta.TryGetValue(c, out var withNukta))
                {
                    latin = withNukta;
                    i++;
                    next = i + 1 < word.Length ? word[i + 1] : '\0';
                }
                sb.Append(latin);
                var hasVowelSign = next != '\0' && (next == '\u094D' || (Vowels.ContainsKey(next) && next is >= '\u093E' and <= '\u094C'));
                if (!hasVowelSign && next != '\0') sb.Append('a');
            }
            else if (Vowels.TryGetValue(c, out var vowel)) sb.Append(vowel);
            else if (c is >= '0' and <= '9' or >= 'a' and <= 'z') sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The forgiving reduction shared by both scripts.</summary>
    public static string? Reduce(string latin)
    {
        var s = new StringBuilder(latin.Length);
        foreach (var c in latin) if (c is >= 'a' and <= 'z') s.Append(c);
        if (s.Length == 0) return null;
        var t = s.ToString()
            .Replace("chh", "C", StringComparison.Ordinal).Replace("ch", "C", StringComparison.Ordinal)
            .Replace("ck", "k", StringComparison.Ordinal).Replace('c', 'k').Replace('C', 'c')
            .Replace("ph", "f", StringComparison.Ordinal).Replace("sh", "s", StringComparison.Ordinal)
            .Replace('q', 'k').Replace("x", "ks", StringComparison.Ordinal).Replace('z', 'j').Replace('w', 'v')
            .Replace("ee", "i", StringComparison.Ordinal).Replace("ei", "e", StringComparison.Ordinal)
            .Replace("ai", "e", StringComparison.Ordinal).Replace("ay", "e", StringComparison.Ordinal)
            .Replace("au", "o", StringComparison.Ordinal).Replace("ow", "o", StringComparison.Ordinal);
        var sb = new StringBuilder(t.Length);
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            // Aspiration: kh, gh, jh, th, dh, bh, rh (and ch's h, already folded) → the plain consonant.
            if (c == 'h' && i > 0 && "kgcjtdpbr".Contains(t[i - 1], StringComparison.Ordinal)) continue;
            if (c == 'm' && i + 1 < t.Length && t[i + 1] is 'p' or 'b') c = 'n';
            if (c == 'y' && i == t.Length - 1 && i > 0) c = 'i';
            sb.Append(c);
        }
        var key = new StringBuilder(sb.Length);
        foreach (var c in sb.ToString())
        {
            if (c is 'a' or 'u') continue;
            if (key.Length > 0 && key[^1] == c) continue;
            key.Append(c);
        }
        var result = key.ToString();
        if (result.EndsWith("ng", StringComparison.Ordinal)) result = result[..^1];
        if (result.Length > 1 && result[^1] == 'h') result = result[..^1];
        return result.Length == 0 ? null : result;
    }
}
