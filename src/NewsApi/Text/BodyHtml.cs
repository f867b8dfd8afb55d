using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace NewsApi.Text;

/// <summary>One block of an article body for mobile renderers: text blocks (paragraph, heading, quote)
/// carry <c>text</c>, and also <c>html</c> (their inner HTML) when they hold links or emphasis, so a
/// renderer loses neither; structured ones (lists, figures) carry <c>html</c>.</summary>
public sealed record BodyBlock(
    [property: System.ComponentModel.Description("paragraph, heading (with level) and quote carry text (and html when they hold links or emphasis); list, orderedList and figure carry html."),
        System.ComponentModel.DataAnnotations.AllowedValues("paragraph", "heading", "quote", "list", "orderedList", "figure")] string Type, string? Text = null, string? Html = null, int? Level = null);

/// <summary>Reads sanitised body HTML as plain text or as blocks. Markup is written by <see cref="Markup"/>, not
/// AngleSharp's OuterHtml/InnerHtml, whose cost grows with the square of a paragraph's inline elements.</summary>
public static class BodyHtml
{
    private static readonly HtmlParser Parser = new();

    public static string FromParagraphs(IEnumerable<string> paragraphs) =>
        string.Concat(paragraphs.Select(p => "<p>" + WebUtility.HtmlEncode(p) + "</p>"));

    /// <summary>Plain text, one paragraph per block, paragraphs separated by a blank line.</summary>
    public static string ToText(string html) =>
        string.Join("\n\n", ToBlocks(html).Select(b => b.Text ?? TextOf(b.Html ?? "")).Where(t => t.Length > 0));

    public static IReadOnlyList<BodyBlock> ToBlocks(string html)
    {
        var body = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        var blocks = new List<BodyBlock>();
        var loose = new StringBuilder();
        var looseHtml = new StringBuilder();
        var looseMarkup = false;
        void FlushLoose()
        {
            var text = Excerpt.CollapseWhitespace(loose.ToString());
            if (text.Length > 0) blocks.Add(new BodyBlock("paragraph", text, looseMarkup ? looseHtml.ToString().Trim() : null));
            loose.Clear();
            looseHtml.Clear();
            looseMarkup = false;
        }
        foreach (var node in body.ChildNodes)
        {
            if (node is not IElement element)
            {
                loose.Append(node.TextContent);
                looseHtml.Append(WebUtility.HtmlEncode(node.TextContent));
                continue;
            }
            var tag = element.LocalName;
            if (tag is "a" or "strong" or "em" or "b" or "i" or "span" or "br")
            {
                loose.Append(tag == "br" ? " " : element.TextContent);
                Markup.Write(element, looseHtml, withRoot: true);
                looseMarkup |= tag != "br";
                continue;
            }
            FlushLoose();
            var text = Excerpt.CollapseWhitespace(element.TextContent);
            switch (tag)
            {
                case "p":
                    if (text.Length > 0) blocks.Add(new BodyBlock("paragraph", text, InlineHtml(element)));
                    break;
                case "h2" or "h3" or "h4":
                    blocks.Add(new BodyBlock("heading", text, InlineHtml(element), Level: tag[1] - '0'));
                    break;
                case "blockquote":
                    blocks.Add(new BodyBlock("quote", text, InlineHtml(element)));
                    break;
                case "ul" or "ol":
                    blocks.Add(new BodyBlock(tag == "ul" ? "list" : "orderedList", Html: Markup.Outer(element)));
                    break;
                case "figure" or "img":
                    blocks.Add(new BodyBlock("figure", Html: Markup.Outer(element)));
                    break;
                default:
                    if (text.Length > 0) blocks.Add(new BodyBlock("paragraph", text));
                    break;
            }
        }
        FlushLoose();
        return blocks;
    }

    /// <summary>The inner HTML when the block holds markup (a link, emphasis); null for plain text.</summary>
    private static string? InlineHtml(IElement element) => element.QuerySelector("a, strong, em, b, i") is not null ? Markup.Inner(element).Trim() : null;

    private static string TextOf(string html)
    {
        var body = Parser.ParseDocument("<body>" + html + "</body>").Body!;
        var items = body.QuerySelectorAll("li, figcaption").Select(e => Excerpt.CollapseWhitespace(e.TextContent)).Where(t => t.Length > 0);
        return string.Join("\n", items);
    }
}
