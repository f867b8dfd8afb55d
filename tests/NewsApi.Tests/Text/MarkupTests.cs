using AngleSharp.Html.Parser;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

/// <summary>Markup replaces AngleSharp's OuterHtml/InnerHtml in BodyHtml for speed; block html that API
/// clients (and ETags) see must not change, so every element's output is compared with AngleSharp's.</summary>
[TestFixture]
public sealed class MarkupTests
{
    private static readonly HtmlParser Parser = new();

    private static readonly string[] Bodies =
    [
        "<p>पूरी रिपोर्ट <a href=\"https://example.in/report?a=1&amp;b=2\">यहाँ पढ़ें</a> और <strong>ज़रूर</strong> देखें।</p>",
        "<p>a &amp; b &lt; c &gt; d &quot; e ' f &nbsp; g \u00A0 h</p>",
        "<p><a title='say \"hi\" &amp; <b> &nbsp;x' href=\"x\">t</a></p>",
        "<p>x<br>y<br/>z</p><figure><img src=a.jpg alt=\"<>&\" width=10 height=20><figcaption>कैप्शन</figcaption></figure><hr>",
        "<ul><li>एक<ul><li>दो <em>तीन</em></li></ul></li></ul><ol><li>पहला</li></ol>",
        "<p>a<!-- टिप्पणी & < > -->b</p>",
        "<P TITLE=x>Upper</P><B>b</B><I>i</I><SPAN>s</SPAN>ढीला <em>पाठ</em>",
        "<p>unclosed <em>em <strong>both</p><p>next",
    ];

    [Test]
    public void Writes_what_AngleSharp_writes()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var html in Bodies.Concat(RandomBodies(300)))
            {
                var body = Parser.ParseDocument("<body>" + html + "</body>").Body!;
                foreach (var element in body.QuerySelectorAll("*").Prepend(body))
                {
                    Assert.That(Markup.Outer(element), Is.EqualTo(element.OuterHtml), html);
                    Assert.That(Markup.Inner(element), Is.EqualTo(element.InnerHtml), html);
                }
            }
        }
    }

    /// <summary>Bodies of the tags BodyHtml handles, with awkward characters in text and attributes.</summary>
    private static IEnumerable<string> RandomBodies(int count)
    {
        var random = new Random(42);
        string[] tags = ["p", "h2", "blockquote", "ul", "li", "a", "strong", "em", "b", "i", "span", "figure", "img", "figcaption", "br"];
        string[] bits = ["क", "्ष", " ", "&amp;", "&lt;", "&gt;", "&quot;", "'", "&nbsp;", "\u00A0", "\"", ">", "&", "\n", "ज़", "\u200D"];
        string Text() => string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => bits[random.Next(bits.Length)]));
        string Node(int depth)
        {
            if (depth > 3 || random.Next(3) == 0) return Text();
            var tag = tags[random.Next(tags.Length)];
            var attribute = random.Next(2) == 0 ? "" : $" title=\"{Text().Replace("\"", "&quot;", StringComparison.Ordinal)}\"";
            var children = string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => Node(depth + 1)));
            return $"<{tag}{attribute}>{children}" + (random.Next(5) == 0 ? "" : $"</{tag}>");
        }
        for (var i = 0; i < count; i++) yield return string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => Node(0)));
    }
}
