using NewsApi.Tests.Infrastructure;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

[TestFixture]
public sealed class BodyHtmlTests
{
    [Test]
    public void ToText_separates_paragraphs_with_a_blank_line()
    {
        Assert.That(BodyHtml.ToText("<p>पहला  अनुच्छेद</p>\n<p>दूसरा\nअनुच्छेद</p>"), Is.EqualTo("पहला अनुच्छेद\n\nदूसरा अनुच्छेद"));
    }

    [Test]
    public void Seed_paragraphs_round_trip_through_html_to_text()
    {
        var html = BodyHtml.FromParagraphs(Seed.Paragraphs);
        var expected = string.Join("\n\n", Seed.Paragraphs.Select(Excerpt.CollapseWhitespace));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(BodyHtml.ToText(html), Is.EqualTo(expected));
            Assert.That(BodyHtml.ToBlocks(html).Select(b => b.Text), Is.EqualTo(Seed.Paragraphs.Select(Excerpt.CollapseWhitespace)));
            Assert.That(BodyHtml.ToBlocks(html).Select(b => b.Type), Is.All.EqualTo("paragraph"));
        }
    }

    [Test]
    public void Text_blocks_with_links_or_emphasis_keep_their_markup_in_html()
    {
        const string html = "<p>पूरी रिपोर्ट <a href=\"https://example.in/report\">यहाँ पढ़ें</a> और <strong>ज़रूर</strong> देखें।</p>"
            + "<h2>किम जोंग <em>उन</em></h2><p>सादा अनुच्छेद।</p>ढीला पाठ <em>ज़ोर</em> के साथ";
        var blocks = BodyHtml.ToBlocks(html);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(blocks[0].Text, Is.EqualTo("पूरी रिपोर्ट यहाँ पढ़ें और ज़रूर देखें।"));
            Assert.That(blocks[0].Html, Is.EqualTo("पूरी रिपोर्ट <a href=\"https://example.in/report\">यहाँ पढ़ें</a> और <strong>ज़रूर</strong> देखें।"));
            Assert.That(blocks[1].Html, Is.EqualTo("किम जोंग <em>उन</em>"));
            Assert.That(blocks[2].Html, Is.Null, "a plain paragraph needs no html");
            Assert.That(blocks[3].Text, Is.EqualTo("ढीला पाठ ज़ोर के साथ"));
            Assert.That(blocks[3].Html, Is.EqualTo("ढीला पाठ <em>ज़ोर</em> के साथ"));
        }
    }

    [Test]
    public void ToBlocks_gives_typed_blocks()
    {
        const string html =
            "<h2>शीर्षक</h2>" +
            "<p>पहला <strong>अनुच्छेद</strong> <a href=\"https://example.com/\">कड़ी</a></p>" +
            "<h3>उप</h3><h4>उप-उप</h4>" +
            "<blockquote><p>उद्धरण</p></blockquote>" +
            "<ul><li>एक</li><li>दो</li></ul>" +
            "<ol><li>पहला</li></ol>" +
            "<figure><img src=\"https://example.com/a.jpg\" alt=\"चित्र\"><figcaption>कैप्शन</figcaption></figure>";
        var blocks = BodyHtml.ToBlocks(html);

        Assert.That(blocks.Select(b => b.Type), Is.EqualTo(new[] { "heading", "paragraph", "heading", "heading", "quote", "list", "orderedList", "figure" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(blocks[0], Is.EqualTo(new BodyBlock("heading", "शीर्षक", Level: 2)));
            Assert.That(blocks[1], Is.EqualTo(new BodyBlock("paragraph", "पहला अनुच्छेद कड़ी", "पहला <strong>अनुच्छेद</strong> <a href=\"https://example.com/\">कड़ी</a>")));
            Assert.That(blocks[2].Level, Is.EqualTo(3));
            Assert.That(blocks[3].Level, Is.EqualTo(4));
            Assert.That(blocks[4], Is.EqualTo(new BodyBlock("quote", "उद्धरण")));
            Assert.That(blocks[5].Text, Is.Null);
            Assert.That(blocks[5].Html, Is.EqualTo("<ul><li>एक</li><li>दो</li></ul>"));
            Assert.That(blocks[6].Html, Does.StartWith("<ol>").And.Contain("<li>पहला</li>"));
            Assert.That(blocks[7].Text, Is.Null);
            Assert.That(blocks[7].Html, Does.StartWith("<figure>").And.Contain("<img").And.Contain("<figcaption>कैप्शन</figcaption>"));
            Assert.That(blocks.Where(b => b.Type != "heading").Select(b => b.Level), Is.All.Null);
        }
    }

    [Test]
    public void ToText_flattens_lists_and_figure_captions()
    {
        const string html = "<p>अ</p><ul><li>एक</li><li>दो</li></ul><figure><img src=\"x.jpg\" alt=\"\"><figcaption>कैप्शन</figcaption></figure><h2>ब</h2>";
        Assert.That(BodyHtml.ToText(html), Is.EqualTo("अ\n\nएक\nदो\n\nकैप्शन\n\nब"));
    }

    [Test]
    public void Loose_inline_text_becomes_a_paragraph()
    {
        var blocks = BodyHtml.ToBlocks("किम <em>ने</em> पुतिन<br>से<p>बात</p>");
        Assert.That(blocks, Is.EqualTo(new[] { new BodyBlock("paragraph", "किम ने पुतिन से", "किम <em>ने</em> पुतिन<br>से"), new BodyBlock("paragraph", "बात") }));
    }

    [Test]
    public void Empty_paragraphs_are_skipped()
    {
        Assert.That(BodyHtml.ToBlocks("<p> </p><p>अ</p><p></p>"), Is.EqualTo(new[] { new BodyBlock("paragraph", "अ") }));
    }

    [Test]
    public void FromParagraphs_html_encodes_lt_and_amp()
    {
        var html = BodyHtml.FromParagraphs(["a < b & c", "<script>x</script>"]);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(html, Is.EqualTo("<p>a &lt; b &amp; c</p><p>&lt;script&gt;x&lt;/script&gt;</p>"));
            Assert.That(BodyHtml.ToText(html), Is.EqualTo("a < b & c\n\n<script>x</script>"));
        }
    }

    [Test]
    public void FromParagraphs_keeps_devanagari_unescaped()
    {
        Assert.That(BodyHtml.FromParagraphs(["किम ने ‘पूर्ण समर्थन’ जताया।"]), Is.EqualTo("<p>किम ने ‘पूर्ण समर्थन’ जताया।</p>"));
    }
}
