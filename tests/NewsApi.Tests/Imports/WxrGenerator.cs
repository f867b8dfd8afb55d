using System.Globalization;
using System.Text;
using System.Xml;

namespace NewsApi.Tests.Imports;

/// <summary>Writes a WordPress-style export of <c>posts</c> Hindi posts (each with a featured image attachment, two
/// tags, a category of ten, a percent-encoded Devanagari slug) as a stream, so the file's size costs no memory here.
/// Posts are numbered from <c>first</c>: exports with numbers apart have distinct headlines, slugs, post ids and old
/// addresses (which NewsApi keys by path, whatever the host).</summary>
public static class WxrGenerator
{
    private const string Wp = "http://wordpress.org/export/1.2/";

    private static readonly string[] Words =
        ["सरकार", "बारिश", "क्रिकेट", "चुनाव", "बाज़ार", "शिक्षा", "स्वास्थ्य", "किसान", "रेलवे", "अदालत", "पुलिस", "मौसम", "विज्ञान", "फ़िल्म", "संसद"];

    public static void Write(string path, int posts, int first = 1, string site = "https://big.example.com")
    {
        using var stream = File.Create(path);
        using var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        xml.WriteStartDocument();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        xml.WriteAttributeString("xmlns", "excerpt", null, "http://wordpress.org/export/1.2/excerpt/");
        xml.WriteAttributeString("xmlns", "content", null, "http://purl.org/rss/1.0/modules/content/");
        xml.WriteAttributeString("xmlns", "dc", null, "http://purl.org/dc/elements/1.1/");
        xml.WriteAttributeString("xmlns", "wp", null, Wp);
        xml.WriteStartElement("channel");
        xml.WriteElementString("title", "बड़ी साइट");
        xml.WriteElementString("link", site);
        xml.WriteElementString("language", "hi-IN");
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, site);
        for (var c = 0; c < 10; c++)
        {
            xml.WriteStartElement("category", Wp);
            Cdata(xml, "category_nicename", Wp, "section-" + c);
            Cdata(xml, "category_parent", Wp, c == 0 ? "" : "section-0");
            Cdata(xml, "cat_name", Wp, Words[c] + " " + c);
            xml.WriteEndElement();
        }
        for (var i = first; i < first + posts; i++)
        {
            var postId = PostId(i);
            Item(xml, site, postId, Headline(i), EncodedSlug(i), i);
            // The featured image, right after its post (as WordPress writes attachments: by id, any order).
            xml.WriteStartElement("item");
            Cdata(xml, "title", null, "photo-" + i);
            Cdata(xml, "post_id", Wp, (postId + 1).ToString(CultureInfo.InvariantCulture));
            Cdata(xml, "post_type", Wp, "attachment");
            Cdata(xml, "status", Wp, "inherit");
            Cdata(xml, "attachment_url", Wp, $"{site}/wp-content/uploads/photo-{i}.jpg");
            Cdata(xml, "encoded", "http://wordpress.org/export/1.2/excerpt/", "फ़ोटो " + i);
            Meta(xml, "_wp_attachment_image_alt", "चित्र " + i);
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>Post <paramref name="i"/>'s title (NewsApi stores it NFC).</summary>
    public static string Headline(int i) => $"{Words[i % Words.Length]} पर ख़बर संख्या {i} {Words[(i * 7) % Words.Length]}";

    /// <summary>Post <paramref name="i"/>'s wp:post_name, percent-encoded as WordPress writes it.</summary>
    public static string EncodedSlug(int i) => Uri.EscapeDataString(NewsApi.Text.Slug.From(Headline(i))).ToLowerInvariant();

    public static int PostId(int i) => i * 2;

    /// <summary>The guid of post <paramref name="i"/>, one of its old addresses.</summary>
    public static string GuidUrl(string site, int i) => $"{site}/?p={PostId(i)}";

    /// <summary>The text of the last paragraph of post <paramref name="i"/>'s body: an article that has it is whole.</summary>
    public static string LastParagraph(int i) => Paragraph(i, 5);

    private static string Paragraph(int i, int p) => string.Join(' ', Enumerable.Range(0, 40).Select(w => Words[(i + p * 3 + w) % Words.Length])) + "।";

    private static void Item(XmlWriter xml, string site, int postId, string headline, string slug, int i)
    {
        var date = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 37);
        xml.WriteStartElement("item");
        Cdata(xml, "title", null, headline);
        xml.WriteElementString("link", $"{site}/{date:yyyy/MM/dd}/{slug}/");
        Cdata(xml, "creator", "http://purl.org/dc/elements/1.1/", "reporter" + (i % 5));
        xml.WriteElementString("guid", GuidUrl(site, i));
        var body = new StringBuilder();
        for (var p = 0; p < 6; p++)
            body.Append("<!-- wp:paragraph -->\n<p>").Append(Paragraph(i, p)).Append("</p>\n<!-- /wp:paragraph -->\n\n");
        Cdata(xml, "encoded", "http://purl.org/rss/1.0/modules/content/", body.ToString());
        Cdata(xml, "encoded", "http://wordpress.org/export/1.2/excerpt/", "");
        xml.WriteElementString("post_id", Wp, postId.ToString(CultureInfo.InvariantCulture));
        Cdata(xml, "post_date", Wp, date.AddHours(5.5).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Cdata(xml, "post_date_gmt", Wp, date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Cdata(xml, "post_name", Wp, slug);
        Cdata(xml, "status", Wp, "publish");
        Cdata(xml, "post_type", Wp, "post");
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", "category");
        xml.WriteAttributeString("nicename", "section-" + (i % 10));
        xml.WriteCData(Words[i % 10] + " " + (i % 10));
        xml.WriteEndElement();
        foreach (var tag in new[] { Words[i % Words.Length], Words[(i + 5) % Words.Length] })
        {
            xml.WriteStartElement("category");
            xml.WriteAttributeString("domain", "post_tag");
            xml.WriteAttributeString("nicename", Uri.EscapeDataString(tag).ToLowerInvariant());
            xml.WriteCData(tag);
            xml.WriteEndElement();
        }
        Meta(xml, "_thumbnail_id", (postId + 1).ToString(CultureInfo.InvariantCulture));
        xml.WriteEndElement();
    }

    private static void Meta(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("postmeta", Wp);
        Cdata(xml, "meta_key", Wp, key);
        Cdata(xml, "meta_value", Wp, value);
        xml.WriteEndElement();
    }

    private static void Cdata(XmlWriter xml, string name, string? ns, string value)
    {
        xml.WriteStartElement(name, ns);
        xml.WriteCData(value);
        xml.WriteEndElement();
    }
}
