using System.Text;
using AngleSharp.Dom;

namespace NewsApi.Text;

/// <summary>Writes parsed body HTML as AngleSharp's <c>OuterHtml</c> / <c>InnerHtml</c> do for what the sanitiser
/// stores (HTML elements, text), in time linear in the nodes. AngleSharp's serialiser finds each node's next
/// sibling by searching its parent's child list, so one paragraph with 10,000 links or emphases took ~0.4 s
/// (BodyHtmlScalingBenchmarks); this walks <c>ChildNodes</c> by index. It differs from AngleSharp only on what
/// the sanitiser never stores: text in script/style/xmp is escaped, not raw; no extra newline after
/// <c>&lt;pre&gt;</c>; no template content; no xlink: prefixes in SVG.</summary>
internal static class Markup
{
    /// <summary>HTML's void elements: no end tag.</summary>
    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
        { "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr" };

    public static string Outer(INode node) => Write(node, new StringBuilder(), withRoot: true).ToString();

    public static string Inner(INode node) => Write(node, new StringBuilder(), withRoot: false).ToString();

    public static StringBuilder Write(INode root, StringBuilder sb, bool withRoot)
    {
        if (withRoot && !Open(root, sb)) return sb;
        // A stack instead of recursion: nesting is bounded by the sanitiser, but not by this method's callers.
        var stack = new Stack<(INode Node, int Next)>();
        stack.Push((root, 0));
        while (stack.TryPop(out var top))
        {
            var children = top.Node.ChildNodes;
            if (top.Next < children.Length)
            {
                stack.Push((top.Node, top.Next + 1));
                var child = children[top.Next];
                if (Open(child, sb)) stack.Push((child, 0));
            }
            else if (stack.Count > 0 || withRoot) // only elements are pushed below the root
            {
                sb.Append("</").Append(((IElement)top.Node).LocalName).Append('>');
            }
        }
        return sb;
    }

    /// <summary>Writes a node's start (or all of it); true when its children and end tag follow.</summary>
    private static bool Open(INode node, StringBuilder sb)
    {
        switch (node)
        {
            case IElement element:
                sb.Append('<').Append(element.LocalName);
                foreach (var attribute in element.Attributes)
                {
                    sb.Append(' ').Append(attribute.Name).Append("=\"");
                    Escape(attribute.Value, sb, inAttribute: true);
                    sb.Append('"');
                }
                sb.Append('>');
                return !Void.Contains(element.LocalName);
            case IText text:
                Escape(text.Data, sb, inAttribute: false);
                return false;
            case IComment comment:
                sb.Append("<!--").Append(comment.Data).Append("-->");
                return false;
            default:
                return false;
        }
    }

    private static void Escape(string value, StringBuilder sb, bool inAttribute)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '\u00A0' => sb.Append("&nbsp;"),
                '"' when inAttribute => sb.Append("&quot;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                _ => sb.Append(c),
            };
        }
    }
}
