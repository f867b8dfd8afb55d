using Ganss.Xss;

namespace NewsApi.Editorial;

/// <summary>The body allowlist from the product spec, enforced by HtmlSanitizer on every write.</summary>
public sealed class BodySanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public BodySanitizer()
    {
        _sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                { "p", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "strong", "em", "figure", "img", "figcaption" },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src", "alt", "title", "width", "height" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
            AllowedCssProperties = new HashSet<string>(),
        });
        // Unknown wrappers (div, span) keep their text; executable or invisible containers lose it too.
        _sanitizer.KeepChildNodes = true;
        _sanitizer.RemovingTag += (_, e) =>
        {
            if (DroppedWithContent.Contains(e.Tag.LocalName)) e.Tag.TextContent = "";
        };
    }

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "select", "title", "head" };

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();
}
