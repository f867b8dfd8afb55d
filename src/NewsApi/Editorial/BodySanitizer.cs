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
            // An unwrapped block or line break still separates words: <div>क</div><div>ख</div> and क<br>ख
            // must not become क ख glued into one word (कख).
            else if (Separating.Contains(e.Tag.LocalName) && e.Tag.Owner is { } document)
            {
                var before = e.Tag.PreviousSibling?.TextContent ?? "";
                var after = e.Tag.NextSibling?.TextContent ?? "";
                var empty = e.Tag.TextContent.Length == 0;
                if (!empty && before.Length > 0 && !char.IsWhiteSpace(before[^1])) e.Tag.Before(document.CreateTextNode(" "));
                if (after.Length > 0 && !char.IsWhiteSpace(after[0]) && (!empty || (before.Length > 0 && !char.IsWhiteSpace(before[^1]))))
                    e.Tag.After(document.CreateTextNode(" "));
            }
        };
    }

    private static readonly HashSet<string> Separating = new(StringComparer.OrdinalIgnoreCase)
    {
        "br", "hr", "div", "section", "article", "aside", "header", "footer", "main", "nav", "address", "pre", "center",
        "h1", "h5", "h6", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th", "details", "summary",
    };

    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.OrdinalIgnoreCase)
        { "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "textarea", "select", "title", "head" };

    public string Sanitize(string html) => _sanitizer.Sanitize(html).Trim();
}
