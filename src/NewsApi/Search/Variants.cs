using System.Text;

namespace NewsApi.Search;

/// <summary>Spelling variants of one Devanagari word that Hindi newspapers print side by side, folded to one
/// form, so a query in either spelling finds both. Indexed beside the word (<see cref="SearchIndex"/>) and
/// searched after the exact spelling (<see cref="SearchService"/>), so an exact match always ranks first.
/// Lucene's <c>HindiNormalizer</c> (after Pingali and Varma) folds nukta, chandrabindu, न् and the short/long
/// vowels too, but blindly and only at index time; it also deletes every virama and folds ै into े, which
/// merges real words (है/हे). The folds here, each with the reason it is safe:
/// <list type="number">
/// <item><b>Nukta optional</b>: क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ are their base letters (सड़क/सडक, बाढ़/बाढ, ज़रूरी/जरूरी): most
/// keyboards and many desks leave it out.</item>
/// <item><b>Chandrabindu ≡ anusvara</b> (गाँव/गांव, पहुँचे/पहुंचे): house styles differ; no word pair differs by it alone
/// in news use (हँस/हंस is the textbook exception).</item>
/// <item><b>Nasal consonant + virama before a stop ≡ anusvara</b> (हिन्दी/हिंदी, सम्बन्ध/संबंध, ट्रम्प/ट्रंप,
/// ठण्ड/ठंड): the older spelling of the same nasal. Only before a stop (क–भ), where the anusvara is read as that
/// nasal: जन्म, अन्य, उन्नति keep their virama.</item>
/// <item><b>ऑ ≡ आ</b> and candra/short e, o (ऍ ॅ ऎ ॆ → ए े, ऒ ॊ → ओ ो): the loanword vowel of कॉलेज/कालेज, ऑफिस/आफिस,
/// which many write without the candra.</item>
/// <item><b>y-glide after a vowel</b>: ये ≡ ए, यी ≡ ई (गये/गए, नयी/नई, लिये/लिए, हुये/हुए): both spellings are standard.</item>
/// <item><b>Visarga dropped</b> (दुःख/दुख, अंततः/अंतत): it is silent in most such words and often left out.</item>
/// <item><b>Long ≡ short i and u</b> (ई/इ, ऊ/उ and their signs): transliterated names and loanwords are spelt both ways
/// (हिंदू/हिंदु, मुनीर/मुनिर, रूपया/रुपया). Minimal pairs exist (दिन/दीन), which is why variant matches come after exact ones.</item>
/// </list>
/// Not folded: ै/े and ौ/ो (है/हे, और/ओर are different words), श/ष/स, the virama elsewhere.
/// Input is <see cref="SearchText.Normalize"/>d (NFC, so nukta letters are base + U+093C).</summary>
public static class Variants
{
    private const char Nukta = '\u093C', Virama = '\u094D', Anusvara = '\u0902', Chandrabindu = '\u0901', Visarga = '\u0903';

    /// <summary>The folded form of a normalised token; the token itself when it has nothing to fold.</summary>
    public static string Fold(string token)
    {
        if (!SearchText.IsDevanagari(token)) return token;
        var sb = new StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            var after = i + 2 < token.Length ? token[i + 2] : '\0';
            switch (c)
            {
                case Nukta or Visarga: continue;
                case >= '\u0958' and <= '\u095F': sb.Append(PrecomposedNukta[c - '\u0958']); continue;
                case Chandrabindu: sb.Append(Anusvara); continue;
                case 'ङ' or 'ञ' or 'ण' or 'न' or 'म' when next == Virama && after is >= 'क' and <= 'भ' and not ('ङ' or 'ञ' or 'ण' or 'न' or 'ऩ'):
                    sb.Append(Anusvara);
                    i++;
                    continue;
                case 'य' when next is 'े' or 'ी' && sb.Length > 0 && IsSyllableEnd(sb[^1]):
                    sb.Append(next == 'े' ? 'ए' : 'इ');
                    i++;
                    continue;
                default: sb.Append(Vowel(c)); continue;
            }
        }
        return sb.ToString();
    }

    private static readonly string PrecomposedNukta = "कखगजडढफय";

    private static char Vowel(char c) => c switch
    {
        'ऑ' => 'आ', 'ॉ' => 'ा',
        'ऍ' or 'ऎ' => 'ए', 'ॅ' or 'ॆ' => 'े',
        'ऒ' => 'ओ', 'ॊ' => 'ो',
        'ई' => 'इ', 'ी' => 'ि',
        'ऊ' => 'उ', 'ू' => 'ु',
        _ => c,
    };

    /// <summary>Whether a (folded) character ends a syllable with a vowel: a vowel sign, an independent vowel or a
    /// consonant with its inherent vowel (गये = ग + ये); not a virama (ध्येय) nor a nasal sign.</summary>
    private static bool IsSyllableEnd(char c) => c is >= '\u093E' and <= '\u094C' or >= 'अ' and <= 'औ' or >= 'क' and <= 'ह';

    /// <summary>The distinct folds of <paramref name="tokens"/> that differ from the token folded: what the index
    /// stores beside the text, so a query folded the same way finds the article.</summary>
    public static IEnumerable<string> Of(IEnumerable<string> tokens) =>
        tokens.Where(SearchText.IsDevanagari).Select(t => (t, f: Fold(t))).Where(p => p.f != p.t).Select(p => p.f).Distinct(StringComparer.Ordinal);
}
