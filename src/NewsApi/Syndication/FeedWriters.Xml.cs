using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using NewsApi.Articles;

namespace NewsApi.Syndication;

/// <summary>RSS 2.0 through System.ServiceModel.Syndication's Rss20FeedFormatter, with the modules readers look for
/// where RSS has no element: content:encoded (the full HTML), dc:creator (bylines; RSS's author wants an e-mail
/// address) and media:content (the image with its size). Dates are RFC 822, as the formatter writes them.</summary>
public sealed class RssFormat : IFeedFormat
{
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Media = "http://search.yahoo.com/mrss/";

    public static string MediaType => "application/rss+xml";

    public static Type Schema => typeof(string);

    public static byte[] Write(FeedHead head, IReadOnlyList<Article> articles)
    {
        var feed = XmlFeeds.Feed(head, MediaType, articles.Select(a => Item(head, a)));
        // Declared once on <rss>, so each extension element carries a prefix instead of its own xmlns.
        feed.AttributeExtensions.Add(new XmlQualifiedName("content", XNamespace.Xmlns.NamespaceName), Content.NamespaceName);
        feed.AttributeExtensions.Add(new XmlQualifiedName("dc", XNamespace.Xmlns.NamespaceName), Dc.NamespaceName);
        feed.AttributeExtensions.Add(new XmlQualifiedName("media", XNamespace.Xmlns.NamespaceName), Media.NamespaceName);
        return XmlFeeds.Write(new Rss20FeedFormatter(feed));
    }

    private static SyndicationItem Item(FeedHead head, Article a)
    {
        var item = XmlFeeds.Item(head, a);
        // RSS's <category> carries the name, and its domain the scheme; the slug is the term in Atom.
        item.Categories.Add(new SyndicationCategory(XmlFeeds.Text(a.Section.Name), head.SectionScheme, null));
        foreach (var t in a.Tags) item.Categories.Add(new SyndicationCategory(XmlFeeds.Text(t.Name), head.TagScheme, null));
        item.ElementExtensions.Add(Extension(Content, "content", "encoded", XmlFeeds.Text(a.Body.Html ?? "")));
        foreach (var author in a.Authors) item.ElementExtensions.Add(Extension(Dc, "dc", "creator", XmlFeeds.Text(author.Name)));
        if (a.Image is { } image && Uri.TryCreate(image.Url, UriKind.Absolute, out var url))
        {
            var type = XmlFeeds.ImageType(url);
            // <enclosure> requires url, type and length in bytes. The size is not known here, and the RSS Best Practices
            // Profile says to send length="0" then; the formatter leaves a 0 length out, so the element is written as is.
            // Without a known type there is no valid enclosure at all: media:content still carries the image.
            if (type is not null)
                item.ElementExtensions.Add(new XElement("enclosure",
                    new XAttribute("url", url.AbsoluteUri), new XAttribute("length", 0), new XAttribute("type", type)).CreateReader());
            item.ElementExtensions.Add(Extension(Media, "media", "content",
                new XAttribute("url", url.AbsoluteUri), new XAttribute("medium", "image"),
                type is null ? null : new XAttribute("type", type),
                image.Width is { } w ? new XAttribute("width", w) : null,
                image.Height is { } h ? new XAttribute("height", h) : null,
                (image.Caption ?? image.Alt) is { } text ? new XElement(Media + "description", XmlFeeds.Text(text)) : null,
                image.Credit is { } credit ? new XElement(Media + "credit", XmlFeeds.Text(credit)) : null));
        }
        return item;
    }

    /// <summary>An element of a module namespace, written with the module's usual prefix (content:encoded, dc:creator):
    /// some readers match the prefixed name rather than the namespace.</summary>
    private static XmlReader Extension(XNamespace ns, string prefix, string name, params object?[] content) =>
        new XElement(ns + name, content.Prepend(new XAttribute(XNamespace.Xmlns + prefix, ns.NamespaceName))).CreateReader();
}

/// <summary>Atom (RFC 4287) through Atom10FeedFormatter: summary (the excerpt) and content (the HTML body), authors,
/// categories with slug, scheme and name, and the image as a rel="enclosure" link. Dates are RFC 3339.</summary>
public sealed class AtomFormat : IFeedFormat
{
    public static string MediaType => "application/atom+xml";

    public static Type Schema => typeof(string);

    public static byte[] Write(FeedHead head, IReadOnlyList<Article> articles)
    {
        var feed = XmlFeeds.Feed(head, MediaType, articles.Select(a => Entry(head, a)));
        // Atom needs an author for every entry: the publisher stands in for articles without a byline.
        feed.Authors.Add(new SyndicationPerson(null, head.Publisher, head.HomeUrl));
        return XmlFeeds.Write(new Atom10FeedFormatter(feed));
    }

    private static SyndicationItem Entry(FeedHead head, Article a)
    {
        var entry = XmlFeeds.Item(head, a);
        entry.Content = SyndicationContent.CreateHtmlContent(XmlFeeds.Text(a.Body.Html ?? ""));
        foreach (var author in a.Authors) entry.Authors.Add(new SyndicationPerson(null, XmlFeeds.Text(author.Name), null));
        entry.Categories.Add(new SyndicationCategory(a.Section.Slug, head.SectionScheme, XmlFeeds.Text(a.Section.Name)));
        foreach (var t in a.Tags) entry.Categories.Add(new SyndicationCategory(t.Slug, head.TagScheme, XmlFeeds.Text(t.Name)));
        // Atom's length is optional, and left out when unknown (0).
        if (a.Image is { } image && Uri.TryCreate(image.Url, UriKind.Absolute, out var url))
            entry.Links.Add(SyndicationLink.CreateMediaEnclosureLink(url, XmlFeeds.ImageType(url), 0));
        return entry;
    }
}

/// <summary>What RSS and Atom share: the feed's head, an item's id, title, link, excerpt and dates, the writer.</summary>
internal static class XmlFeeds
{
    public static SyndicationFeed Feed(FeedHead head, string mediaType, IEnumerable<SyndicationItem> items)
    {
        var feed = new SyndicationFeed(head.Title, head.Description, new Uri(head.HomeUrl), head.Id, head.Updated, items)
        {
            Language = FeedHead.Language,
            Generator = "NewsApi",
        };
        feed.Links.Add(new SyndicationLink(new Uri(head.SelfUrl), "self", null, mediaType, 0));
        return feed;
    }

    public static SyndicationItem Item(FeedHead head, Article a)
    {
        var item = new SyndicationItem
        {
            Id = head.ArticleId(a.Id),
            Title = new TextSyndicationContent(Text(a.Headline)),
            Summary = new TextSyndicationContent(Text(a.Excerpt)),
            PublishDate = a.PublishedAt ?? a.UpdatedAt,
            LastUpdatedTime = a.UpdatedAt,
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(a.Url), "text/html"));
        return item;
    }

    /// <summary>UTF-8 without a byte order mark; the declaration says utf-8.</summary>
    public static byte[] Write(SyndicationFeedFormatter formatter)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
            formatter.WriteTo(writer);
        return stream.ToArray();
    }

    /// <summary>The text without characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, lone
    /// surrogates): nothing on the write path refuses them, and one would make the XML writer throw.</summary>
    public static string Text(string text)
    {
        var bad = IndexOfInvalid(text);
        if (bad < 0) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) kept.Append(text, i++, 2);
            else if (XmlConvert.IsXmlChar(text[i])) kept.Append(text[i]);
        }
        return kept.ToString();
    }

    private static int IndexOfInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) i++;
            else if (!XmlConvert.IsXmlChar(text[i])) return i;
        }
        return -1;
    }

    /// <summary>The image's media type from its file extension, or null when it does not say.</summary>
    public static string? ImageType(Uri url) =>
        Path.GetExtension(url.AbsolutePath).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => "image/jpeg",
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".avif" => "image/avif",
            ".svg" => "image/svg+xml",
            _ => null,
        };
}
