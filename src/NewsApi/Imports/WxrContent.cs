using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsApi.Imports;

/// <summary>WordPress post content as the body the normal sanitiser then takes: Gutenberg block comments removed,
/// <c>[caption]</c> shortcodes as figures, other shortcodes dropped, and WordPress's paragraph rule (wpautop) applied
/// to classic content that has no paragraphs of its own.</summary>
public static partial class WxrContent
{
    public static string ToBodyHtml(string content)
    {
        var html = content.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        html = BlockComment().Replace(html, "");
        html = Caption().Replace(html, m => Figure(m.Groups["attrs"].Value, m.Groups["inner"].Value));
        html = EnclosingShortcode().Replace(html, "");
        html = Shortcode().Replace(html, "");
        return HasParagraphs().IsMatch(html) ? html.Trim() : AutoParagraphs(html);
    }

    /// <summary>[caption id="…" width="300"]&lt;img …&gt; The caption[/caption] (or the older caption="…" attribute).</summary>
    private static string Figure(string attrs, string inner)
    {
        var image = CaptionImage().Match(inner);
        var imageHtml = image.Success ? image.Groups["img"].Value : "";
        var text = image.Success ? inner[(image.Index + image.Length)..] : inner;
        if (text.Trim().Length == 0 && CaptionAttribute().Match(attrs) is { Success: true } old) text = old.Groups["text"].Value;
        var caption = text.Trim();
        return "\n\n<figure>" + imageHtml + (caption.Length > 0 ? "<figcaption>" + caption + "</figcaption>" : "") + "</figure>\n\n";
    }

    /// <summary>wpautop's rule: a blank line separates paragraphs, a single newline inside one is a line break;
    /// block-level markup is left as it is.</summary>
    private static string AutoParagraphs(string html)
    {
        var sb = new StringBuilder(html.Length + 64);
        foreach (var block in ParagraphBreak().Split(html))
        {
            var text = block.Trim();
            if (text.Length == 0) continue;
            if (StartsWithBlock().IsMatch(text)) sb.Append(text).Append('\n');
            else sb.Append("<p>").Append(text.Replace("\n", "<br>\n", StringComparison.Ordinal)).Append("</p>\n");
        }
        return sb.ToString().TrimEnd();
    }

    /// <summary>Headline or excerpt text: WordPress keeps HTML entities (&amp;#8216;) in titles; tags are dropped.</summary>
    public static string PlainText(string text) =>
        WebUtility.HtmlDecode(AnyTag().Replace(text, "")).Trim();

    /// <summary>A WordPress slug as a NewsApi slug: non-Latin slugs are stored percent-encoded in lower case
    /// (%e0%a4%aa%e0%a5%81…), so they are decoded to Devanagari, then NFC, then made a valid slug. Null when empty.</summary>
    public static string? Slug(string? postName)
    {
        if (string.IsNullOrWhiteSpace(postName)) return null;
        var decoded = Decode(postName.Trim());
        var slug = Text.Slug.From(decoded);
        return slug == "article" && !decoded.Contains("article", StringComparison.Ordinal) ? null : slug;
    }

    /// <summary>Percent-decoding that leaves a malformed escape as it is rather than failing.</summary>
    public static string Decode(string value)
    {
        var decoded = value.Contains('%', StringComparison.Ordinal) ? Uri.UnescapeDataString(value) : value;
        try { return decoded.Normalize(NormalizationForm.FormC); }
        catch (ArgumentException) { return decoded; }
    }

    [GeneratedRegex(@"<!--\s*/?wp:.*?-->", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"\[caption(?<attrs>[^\]]*)\](?<inner>.*?)\[/caption\]", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Caption();

    [GeneratedRegex(@"^\s*(?<img>(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionImage();

    [GeneratedRegex(@"caption\s*=\s*""(?<text>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex CaptionAttribute();

    // Shortcode names are lower-case Latin ([gallery], [embed], [contact-form-7]); "[1]" or "[अपडेट]" are text.
    [GeneratedRegex(@"\[(?<name>[a-z][a-z0-9_-]*)\b[^\]]*\].*?\[/\k<name>\]", RegexOptions.Singleline)]
    private static partial Regex EnclosingShortcode();

    [GeneratedRegex(@"\[/?[a-z][a-z0-9_-]*(?:\s[^\]]*)?/?\]")]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"<p[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex HasParagraphs();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"^<(?:h[1-6]|ul|ol|li|blockquote|figure|table|div|pre|hr|p|section|dl)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StartsWithBlock();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex AnyTag();
}

/// <summary>How an old WordPress address is stored and looked up: its path, percent-decoded and NFC, without a trailing
/// slash, with its query (<c>/?p=123</c>); the same for a full URL or a bare path.</summary>
public static class LegacyPath
{
    public static string? Key(string? pathOrUrl)
    {
        if (string.IsNullOrWhiteSpace(pathOrUrl)) return null;
        var value = pathOrUrl.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            value = uri.AbsolutePath + uri.Query;
        else if (!value.StartsWith('/')) return null;
        var queryAt = value.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt >= 0 ? value[..queryAt] : value;
        var query = queryAt >= 0 ? value[queryAt..] : "";
        path = WxrContent.Decode(path);
        if (path.Length > 1) path = path.TrimEnd('/');
        if (path.Length == 0) path = "/";
        return query.Length > 1 ? path + WxrContent.Decode(query) : path;
    }
}
