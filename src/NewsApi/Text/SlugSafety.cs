using System.Globalization;
using System.Text;

namespace NewsApi.Text;

/// <summary>What makes a slug look like another: invisible code points (a combining grapheme joiner or a
/// variation selector after a real slug), compatibility forms (fullwidth ｎｅｗ beside new), letters of
/// scripts that imitate each other (a Cyrillic а inside a Latin word), words of marks alone. A slug with any of
/// them is refused (UTS #39's restriction levels, simplified: one script, or Latin with one other that is not
/// Cyrillic or Greek, so मोदी-modi-2025 stays valid).</summary>
public static class SlugSafety
{
    /// <summary>Why <paramref name="slug"/> could pass for another; null when it cannot.</summary>
    public static string? Refusal(string slug)
    {
        try
        {
            // Judged as stored: NFC (a precomposed क़ is stored as क + nukta, which is no compatibility form).
            slug = slug.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return "it is not valid Unicode";
        }
        var scripts = new HashSet<string>(StringComparer.Ordinal);
        var wordStart = true;
        foreach (var rune in slug.EnumerateRunes())
        {
            if (IsInvisible(rune.Value)) return $"it has an invisible character (U+{rune.Value:X4})";
            var category = Rune.GetUnicodeCategory(rune);
            if (wordStart && category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                return "a word of it starts with a combining mark";
            wordStart = rune.Value == '-';
            if (Rune.IsLetter(rune)) scripts.Add(ScriptOf(rune.Value));
        }
        if (!slug.IsNormalized(NormalizationForm.FormKC)) return "it has compatibility characters (fullwidth or styled letters, ligatures)";
        if (scripts.Count > 2 || scripts.Count == 2 && (!scripts.Contains("Latin") || scripts.Contains("Cyrillic") || scripts.Contains("Greek")))
            return $"it mixes scripts ({string.Join(", ", scripts.Order(StringComparer.Ordinal))})";
        return null;
    }

    /// <summary>The UTS #39 skeleton of a slug (<see cref="Confusables.Skeleton"/>): a slug whose skeleton equals another
    /// slug's, and is not that slug, could pass for it even in one script (all-Cyrillic реасе beside Latin peace), which
    /// <see cref="Refusal"/> cannot see alone; the repositories compare it with the slugs already stored.</summary>
    public static string Skeleton(string slug) => Confusables.Skeleton(slug);

    /// <summary>Default-ignorable code points and bidirectional controls: they render as nothing.</summary>
    public static bool IsInvisible(int c) =>
        c is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFEFF or 0xFFA0
        || c is >= 0x180B and <= 0x180F || c is >= 0x200B and <= 0x200F || c is >= 0x202A and <= 0x202E
        || c is >= 0x2060 and <= 0x206F || c is >= 0xFE00 and <= 0xFE0F || c is >= 0x1BCA0 and <= 0x1BCA3
        || c is >= 0x1D173 and <= 0x1D17A || c is >= 0xE0000 and <= 0xE0FFF;

    // By block, which is script enough for letters: the scripts that imitate Latin, and Devanagari.
    private static string ScriptOf(int c) => c switch
    {
        <= 0x024F or >= 0x1E00 and <= 0x1EFF or >= 0x2C60 and <= 0x2C7F or >= 0xA720 and <= 0xA7FF => "Latin",
        >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => "Greek",
        >= 0x0400 and <= 0x052F or >= 0x1C80 and <= 0x1C8F or >= 0x2DE0 and <= 0x2DFF or >= 0xA640 and <= 0xA69F => "Cyrillic",
        >= 0x0900 and <= 0x097F or >= 0xA8E0 and <= 0xA8FF => "Devanagari",
        _ => "U+" + (c >> 8).ToString("X2", CultureInfo.InvariantCulture) + "xx",
    };
}
