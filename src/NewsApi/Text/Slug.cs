using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsApi.Text;

public static partial class Slug
{
    public const int MaxLength = 120;

    /// <summary>Lower-cased Unicode letters, marks and digits joined by single hyphens.</summary>
    [GeneratedRegex(@"^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{Nd}]+)*$")]
    public static partial Regex ValidPattern();

    public static bool IsValid(string slug) =>
        slug.Length is > 0 and <= MaxLength && ValidPattern().IsMatch(slug) && slug.IsNormalized(NormalizationForm.FormC);

    /// <summary>How a slug a client sends (in a path, a filter or a request body) is looked up: trimmed,
    /// NFC, lower-cased. Text that is not valid Unicode is left un-normalised; it matches nothing.</summary>
    public static string Key(string slug)
    {
        var trimmed = slug.Trim();
        try { trimmed = trimmed.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { }
        return trimmed.ToLowerInvariant();
    }

    /// <summary>Slug from a headline: किम ने पुतिन से बात की → किम-ने-पुतिन-से-बात-की.</summary>
    public static string From(string text)
    {
        // NFKC: fullwidth and styled letters, ligatures become the plain ones (a slug must not look like another).
        var source = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(source.Length);
        foreach (var c in source)
        {
            // Variation selectors, the grapheme joiner, fillers: invisible, dropped (surrogate pairs pass: none is one).
            if (SlugSafety.IsInvisible(c)) continue;
            switch (char.GetUnicodeCategory(c))
            {
                case UnicodeCategory.LowercaseLetter or UnicodeCategory.UppercaseLetter or UnicodeCategory.OtherLetter
                    or UnicodeCategory.ModifierLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                    or UnicodeCategory.DecimalDigitNumber:
                    // A mark with no base (after a separator) would make an invalid slug word.
                    if (char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                        && (sb.Length == 0 || sb[^1] == '-')) break;
                    // ToLowerInvariant leaves some capitals upper-case (İ U+0130, ℂ, ϒ), which IsValid rejects:
                    // İ becomes i, others their NFKC lower-case form, or a separator if that is still upper-case.
                    if (char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)
                    {
                        var folded = c == '\u0130' ? "i" : c.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant();
                        if (folded.All(f => char.GetUnicodeCategory(f) is not (UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)))
                            sb.Append(folded);
                        else if (sb.Length > 0 && sb[^1] != '-')
                            sb.Append('-');
                        break;
                    }
                    sb.Append(c);
                    break;
                case UnicodeCategory.Format: // ZWJ / ZWNJ / soft hyphen: invisible, dropped
                    break;
                default:
                    if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
                    break;
            }
        }
        // Dropping ZWJ/ZWNJ can bring a base and its combining mark together (e\u200D\u0301): re-normalise.
        var slug = sb.ToString().Normalize(NormalizationForm.FormC).Trim('-');
        if (slug.Length > MaxLength)
        {
            var cut = slug.LastIndexOf('-', MaxLength);
            slug = cut > 0 ? slug[..cut] : slug[..MaxLength];
            while (slug.Length > 0 && slug[^1] == Graphemes.Virama) slug = slug[..^1];
        }
        // Scripts that imitate each other (a Cyrillic headline with a Latin name) make no slug a reader could trust.
        return slug.Length == 0 || SlugSafety.Refusal(slug) is not null ? "article" : slug;
    }

    /// <summary>A variant with a numeric suffix that still fits in <see cref="MaxLength"/>.</summary>
    public static string WithSuffix(string slug, int n)
    {
        var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
        var head = slug.Length + suffix.Length > MaxLength ? slug[..(MaxLength - suffix.Length)].TrimEnd('-') : slug;
        return head + suffix;
    }
}
