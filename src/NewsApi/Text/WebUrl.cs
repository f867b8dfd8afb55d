using System.Globalization;
using System.Text;

namespace NewsApi.Text;

/// <summary>Links an editor gives (an article's image and canonical URL, an agency's website): checked, then stored
/// as parsed and serialised again, never as sent. A URL is copied into HTML attributes, feeds and headers by every
/// frontend, so what we answer is plain ASCII: <c>"</c>, <c>&lt;</c>, spaces and Devanagari percent-encoded
/// (<c>/चित्र</c> → <c>/%E0%A4%9A…</c>), an IDN host in its punycode form.</summary>
public static class WebUrl
{
    /// <summary>Longest URL accepted, in characters as sent (browsers and CDNs handle about 2,000 safely).</summary>
    public const int MaxLength = 2048;

    /// <summary>Why <paramref name="url"/> is not an acceptable web link, or null when it is.</summary>
    public static string? Refusal(string url)
    {
        if (url.Length > MaxLength) return $"must be at most {MaxLength} characters";
        foreach (var c in url)
        {
            // Control characters (newlines, NUL, DEL, C1) split headers and log lines; bidi controls make a link
            // read differently from where it goes (https://example.com/‮gpj.exe). Refused, not encoded: no
            // editor means them.
            if (char.IsControl(c)) return $"must not contain control characters (U+{(int)c:X4})";
            if (IsBidiControl(c)) return $"must not contain bidirectional control characters (U+{(int)c:X4})";
        }
        if (Parse(url) is not { } uri) return "must be an absolute http(s) URL";
        // https://bank.example@evil.example/ reads as the bank and goes elsewhere; credentials never belong in a stored link.
        if (uri.UserInfo.Length > 0) return "must not contain a user name or password";
        return null;
    }

    /// <summary>The form stored and answered: NFC, trimmed, parsed and serialised percent-encoded with an ASCII
    /// host; null when <paramref name="url"/> is not an http(s) URL (the validators refuse those first).</summary>
    public static string? Canonical(string? url) => url is null || Parse(url) is not { } uri ? null : Escaped(Serialise(uri));

    /// <summary>A SQLite GLOB matching a stored value with a character <see cref="Canonical"/> never writes: anything
    /// outside printable ASCII, a space, <c>" ' &lt; &gt; \ ^ ` { | }</c> (quotes of either kind, so a link can sit in
    /// any HTML attribute). <see cref="IsSafe"/> is the same set; a test holds them together.</summary>
    public const string UnsafeGlob = "*[^]!#-&(-;=?-[_a-z~]*";

    /// <summary>A link stored before links were re-serialised, in the form answered now: <see cref="Canonical"/>, or,
    /// when it does not parse, every unsafe character percent-encoded, so nothing is lost and nothing unsafe answered.</summary>
    public static string Rewritten(string stored) => Canonical(stored) ?? Escaped(stored);

    // Percent-encodes what Uri's serialisation leaves as it is ("'", and "|", "^" and the like in some positions).
    private static string Escaped(string text)
    {
        if (text.All(IsSafe)) return text;
        var safe = new StringBuilder(text.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsAscii && IsSafe((char)rune.Value)) safe.Append((char)rune.Value);
            else
            {
                foreach (var b in utf8[..rune.EncodeToUtf8(utf8)]) safe.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return safe.ToString();
    }

    /// <summary>The characters <see cref="UnsafeGlob"/> lets through.</summary>
    internal static bool IsSafe(char c) => c is '!' or '=' or ']' or '_' or '~' || c is >= '#' and <= '&' || c is >= '(' and <= ';' || c is >= '?' and <= '[' || c is >= 'a' and <= 'z';

    private static Uri? Parse(string url)
    {
        string text;
        try { text = url.Normalize(NormalizationForm.FormC).Trim(); }
        catch (ArgumentException) { return null; } // a lone surrogate
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0 ? uri : null;
    }

    private static string Serialise(Uri uri)
    {
        // AbsoluteUri percent-encodes the path, query and fragment but keeps a Unicode host as it came.
        if (uri.Host.All(char.IsAscii)) return uri.AbsoluteUri;
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return uri.Scheme + "://" + uri.IdnHost + port + uri.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
    }

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069';
}
