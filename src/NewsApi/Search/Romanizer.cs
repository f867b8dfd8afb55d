using System.Text;

namespace NewsApi.Search;

/// <summary>Phonetic keys that let romanised Hindi (<c>putin</c>, <c>bhukamp</c>, <c>modi</c>) find the Devanagari words it
/// spells (पुतिन, भूकंप, मोदी). A Devanagari word is transliterated to Latin as it is said (the inherent vowel dropped
/// where Hindi drops it); that and a typed Latin word then go through the same reduction, which forgives the ways
/// people romanise Hindi: a/aa/u and the inherent vowel dropped, long and short i merged, aspiration dropped
/// (bh = b), ch/chh, sh/s, ph/f, w/v, z/j, c/k/q, m/n before p, b and v, doubled letters, and English-style
/// spellings (oo, ee, final ey, korea, seoul, moscow). Measured on the pairs in tests/…/Search/RomanisedPairs.cs.
/// Changing a rule changes keys already stored in <c>article_search</c>: the index must be rebuilt.</summary>
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
        if (Known.TryGetValue(token, out var known)) return known;
        var key = SearchText.IsDevanagari(token) ? Reduce(Transliterate(token)) : SearchText.IsLatin(token) ? Reduce(token) : null;
        // A language's words are a bounded set, and every indexed article and snippet asks for the same
        // ones again; the cap only guards against a flood of junk tokens.
        if (Known.Count < MaxKnown) Known.TryAdd(token, key);
        return key;
    }

    private const int MaxKnown = 200_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> Known = new(StringComparer.Ordinal);

    /// <summary>Rough Latin for a Devanagari word, written as it is said, which is how people type it. The
    /// inherent vowel (schwa) of a consonant is written except where Hindi drops it:
    /// <list type="bullet">
    /// <item>at the end of the word (पुतिन putin), except a final य after a conjunct or an i-sound, which is said
    /// and typed -ya (सैन्य sainya, भविष्य bhavishya, केंद्रीय kendriya; समय stays samay);</item>
    /// <item>inside the word between a vowel-ending syllable and a consonant that carries a vowel (V C<u>a</u> C V),
    /// decided right to left so two in a row are not both dropped: सोमवार somvar, सहयोग sahyog, समझौता samjhauta,
    /// बातचीत baatcheet, परमाणु parmanu. Kept before ह, so the h is never read as aspiration (अपहरण apahran, not aphran), and
    /// before ं (भूकंप bhukamp). Without this, letters that touch only when the schwa goes (m before v, a y glide)
    /// would key differently in the two scripts.</item>
    /// </list></summary>
    public static string Transliterate(string word)
    {
        var units = new List<Unit>(word.Length);
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
                var unit = new Unit { Latin = latin, Consonant = true, Ha = c == 'ह' };
                if (next == '\u094D') { unit.Virama = true; i++; }
                else if (next is >= '\u093E' and <= '\u094C' && Vowels.TryGetValue(next, out var sign)) { unit.Sign = sign; i++; }
                else unit.Schwa = true;
                units.Add(unit);
            }
            else if (Vowels.TryGetValue(c, out var vowel)) units.Add(new Unit { Latin = vowel, Vowel = c is not ('ं' or 'ँ' or 'ः') });
            else if (c is >= '0' and <= '9' or >= 'a' and <= 'z') units.Add(new Unit { Latin = c.ToString() });
        }
        if (units.Count == 0) return "";
        var last = units[^1];
        if (last.Schwa)
        {
            var before = units.Count > 1 ? units[^2] : null;
            last.Schwa = last.Latin == "y" && before is not null && (before.Virama || before.Sign == "i" || (before.Vowel && before.Latin == "i"));
        }
        for (var k = units.Count - 2; k >= 1; k--)
        {
            var (prev, unit, next) = (units[k - 1], units[k], units[k + 1]);
            if (unit.Schwa && prev.EndsInVowel && next.Consonant && !next.Ha && next.EndsInVowel) unit.Schwa = false;
        }
        var sb = new StringBuilder(word.Length * 2);
        foreach (var unit in units) sb.Append(unit.Latin).Append(unit.Sign ?? (unit.Schwa ? "a" : ""));
        return sb.ToString();
    }

    /// <summary>A consonant with its vowel (sign, inherent schwa or virama), or an independent vowel, nasal or digit.</summary>
    private sealed class Unit
    {
        public required string Latin { get; init; }
        public bool Consonant { get; init; }
        public bool Ha { get; init; }
        public bool Vowel { get; init; }
        public string? Sign { get; set; }
        public bool Virama { get; set; }
        public bool Schwa { get; set; }
        public bool EndsInVowel => Consonant ? Sign is not null || Schwa : Vowel;
    }

    /// <summary>The forgiving reduction shared by both scripts. Rules, in order:
    /// <list type="number">
    /// <item>English-style spellings of Hindi sounds: final <c>ey</c> is <c>i</c> (turkey = तुर्की, hockey = हॉकी);
    /// <c>oo</c> is <c>u</c> (bhookamp = भूकंप, roos = रूस); <c>ee</c> is <c>i</c>; <c>eh</c> is <c>ah</c>
    /// (pehle = पहले, sheher = शहर); a final <c>aon</c> is <c>anv</c> (gaon = गांव); <c>ow</c> before a consonant or at the
    /// end is <c>o</c> (moscow = मॉस्को; but owaisi keeps its w = ओवैसी); <c>e</c> before <c>a</c> or <c>o</c> is the
    /// <c>iy</c> glide Hindi writes there (korea = कोरिया, seoul = सियोल).</item>
    /// <item>Consonant spellings: ch/chh, ck/c/k/q, ph/f, sh/s (श, ष, स), x/ks, z/j (ज़ = ज), w/v.</item>
    /// <item><c>ai</c> and <c>ei</c> are <c>e</c> (ै), <c>au</c> is <c>o</c> (ौ); a <c>y</c> between a vowel and <c>e</c> is
    /// dropped (gaye = गए, kiye = किए, jayega = जाएगा).</item>
    /// <item>Aspiration dropped (bh = b, kh = k, th = t…); m is n before p, b and v (sampark = संपर्क, samvad = संवाद).</item>
    /// <item>A final y is i (party = पार्टी, samay = समय); -ya keeps its y (sainya = सैन्य, see <see cref="Transliterate"/>).</item>
    /// <item>a and u dropped (the inherent vowel, long and short), doubled letters single.</item>
    /// <item>A final ng is n, and a final nh is n (singh = सिंह); other final h's stay, so uttar (उत्तर) is not
    /// tarah (तरह).</item>
    /// </list></summary>
    public static string? Reduce(string latin)
    {
        var s = new StringBuilder(latin.Length);
        foreach (var c in latin) if (c is >= 'a' and <= 'z') s.Append(c);
        if (s.Length == 0) return null;
        if (s.Length > 2 && s[^2] == 'e' && s[^1] == 'y') s.Remove(s.Length - 2, 2).Append('i');
        // A final aon is आंव (gaon = गांव, paon = पांव, chhaon = छांव).
        if (s.Length > 3 && s[^3] == 'a' && s[^2] == 'o' && s[^1] == 'n') s.Remove(s.Length - 2, 2).Append("nv");
        var t = s.ToString()
            .Replace("oo", "u", StringComparison.Ordinal).Replace("ee", "i", StringComparison.Ordinal)
            .Replace("eh", "ah", StringComparison.Ordinal);
        t = Glides(t)
            .Replace("chh", "C", StringComparison.Ordinal).Replace("ch", "C", StringComparison.Ordinal)
            .Replace("ck", "k", StringComparison.Ordinal).Replace('c', 'k').Replace('C', 'c')
            .Replace("ph", "f", StringComparison.Ordinal).Replace("sh", "s", StringComparison.Ordinal)
            .Replace('q', 'k').Replace("x", "ks", StringComparison.Ordinal).Replace('z', 'j').Replace('w', 'v')
            .Replace("ei", "e", StringComparison.Ordinal).Replace("ai", "e", StringComparison.Ordinal)
            .Replace("au", "o", StringComparison.Ordinal);
        var sb = new StringBuilder(t.Length);
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            // Aspiration: kh, gh, jh, th, dh, bh, rh (and ch's h, already folded) → the plain consonant.
            if (c == 'h' && i > 0 && "kgcjtdpbr".Contains(t[i - 1], StringComparison.Ordinal)) continue;
            // The glide y between a vowel and e: gaye/गए, kiye/किए, jayega/जाएगा.
            if (c == 'y' && i > 0 && IsVowel(t[i - 1]) && i + 1 < t.Length && t[i + 1] == 'e') continue;
            if (c == 'm' && i + 1 < t.Length && t[i + 1] is 'p' or 'b' or 'v') c = 'n';
            // A final y is a vowel (army = आर्मी, samay = समय); -ya keeps its y (sainya = सैन्य).
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
        if (result.EndsWith("nh", StringComparison.Ordinal)) result = result[..^1];
        return result.Length == 0 ? null : result;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary><c>ow</c> before a consonant or at the end is <c>o</c>; <c>e</c> before <c>a</c> or <c>o</c> is <c>iy</c>.</summary>
    private static string Glides(string t)
    {
        var sb = new StringBuilder(t.Length + 4);
        for (var i = 0; i < t.Length; i++)
        {
            var c = t[i];
            var next = i + 1 < t.Length ? t[i + 1] : '\0';
            if (c == 'w' && i > 0 && t[i - 1] == 'o' && !IsVowel(next)) continue;
            if (c == 'e' && (next is 'a' or 'o')) { sb.Append("iy"); continue; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
