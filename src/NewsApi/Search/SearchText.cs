using System.Globalization;
using System.Text;

namespace NewsApi.Search;

/// <summary>The one normalisation applied to indexed text and to queries: NFC, case-folded, with
/// invisible joiners (ZWJ, ZWNJ, soft hyphen, ZWSP, word joiner, BOM) removed. So a nukta typed
/// precomposed (U+0958–U+095F) or decomposed, and क्‍ष with a joiner, match क्ष.</summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (IsIgnorable(c)) continue;
            sb.Append(c);
        }
        string nfc;
        try { nfc = sb.ToString().Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { nfc = sb.ToString(); } // lone surrogates: leave as is, the tokenizer drops them
        return nfc.ToLowerInvariant();
    }

    /// <summary>Words as the FTS5 tokenizer (unicode61, categories L* N* Co M*) sees them: runs of
    /// letters, digits, private-use and combining marks. Everything else (danda, quotes, hyphens,
    /// FTS5 operators) separates words.</summary>
    public static List<string> Tokens(string normalized)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= normalized.Length; i++)
        {
            var inWord = i < normalized.Length && IsWordChar(normalized[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                tokens.Add(normalized[start..i]);
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>Invisible characters <see cref="Normalize"/> removes: they never separate words.</summary>
    public static bool IsIgnorable(char c) => c is '\u200D' or '\u200C' or '\u00AD' or '\u200B' or '\u2060' or '\uFEFF';

    public static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        _ => false,
    };

    public static bool IsDevanagari(string token) => token.Any(c => c is >= '\u0900' and <= '\u097F');

    public static bool IsLatin(string token) => token.Any(c => c is >= 'a' and <= 'z');
}
