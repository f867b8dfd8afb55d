using System.Text.RegularExpressions;
using System.Xml;

namespace NewsApi.Imports;

/// <summary>Reads a WordPress export (WXR 1.0–1.2) forward only, one item at a time, so a 1 GB export is never
/// held whole: memory is one item's text. Channel-level elements (site, language, authors, categories, tags) are
/// gathered into <see cref="Channel"/> as they pass. Every XML or shape error is a <see cref="WxrFormatException"/>.</summary>
public sealed partial class WxrReader : IDisposable
{
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";
    private const string WxrNsPrefix = "http://wordpress.org/export/";

    // No DTD and no resolver: an export never has a DTD, and one is how entity bombs and external entities (XXE) come in.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    private readonly Stream _stream;
    private readonly XmlReader _xml;
    private bool _started;
    private bool _sawChannel;

    public WxrReader(Stream stream)
    {
        _stream = stream;
        _xml = XmlReader.Create(stream, Settings);
    }

    public WxrChannel Channel { get; } = new();

    /// <summary>The next item, or null after the last one (the rest of the file is read, so a truncated or malformed
    /// tail is still an error).</summary>
    public WxrItem? Next(CancellationToken ct)
    {
        try
        {
            if (!_started) Start();
            while (!_xml.EOF)
            {
                ct.ThrowIfCancellationRequested();
                if (_xml.NodeType == XmlNodeType.Element && _xml.Depth == 2)
                {
                    if (_xml.LocalName == "item" && _xml.NamespaceURI.Length == 0)
                    {
                        if (Channel.WxrVersion is null) throw NotWxr();
                        return ReadItem();
                    }
                    ReadChannelElement();
                }
                else if (_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == 1 && _xml.LocalName == "channel")
                {
                    if (Channel.WxrVersion is null) throw NotWxr();
                    _xml.Read();
                }
                else _xml.Read();
            }
            if (!_sawChannel) throw new WxrFormatException("expected a <channel> inside <rss>; a WordPress export has one.", 0, 0);
            return null;
        }
        catch (XmlException e)
        {
            throw FromXml(e);
        }
    }

    private void Start()
    {
        _started = true;
        _xml.MoveToContent();
        if (_xml.NodeType != XmlNodeType.Element || _xml.LocalName != "rss")
            throw Here($"expected <rss> (a WordPress export from Tools → Export), found <{_xml.Name}>.");
        while (_xml.Read())
        {
            if (_xml.NodeType == XmlNodeType.Element && _xml.Depth == 1)
            {
                if (_xml.LocalName != "channel") throw Here($"expected <channel> inside <rss>, found <{_xml.Name}>.");
                _sawChannel = true;
                _xml.Read();
                return;
            }
        }
    }

    private WxrFormatException NotWxr() => Here(
        "expected <wp:wxr_version> in the channel before its items: this is an RSS feed, not a WordPress export (WXR). " +
        "Export with WordPress's Tools → Export → All content.");

    private void ReadChannelElement()
    {
        var ns = _xml.NamespaceURI;
        switch (_xml.LocalName)
        {
            case "title" when ns.Length == 0: Channel.Title = Text(); break;
            case "link" when ns.Length == 0: Channel.Link = Text(); break;
            case "language" when ns.Length == 0: Channel.Language = Text(); break;
            case "wxr_version" when IsWp(ns): Channel.WxrVersion = Text(); break;
            case "base_site_url" when IsWp(ns): Channel.BaseSiteUrl = Text(); break;
            case "base_blog_url" when IsWp(ns): Channel.BaseBlogUrl = Text(); break;
            case "author" when IsWp(ns):
                var author = Children();
                if (author.GetValueOrDefault("author_login") is { Length: > 0 } login)
                    Channel.Authors.Add(new WxrAuthor(login, author.GetValueOrDefault("author_display_name")));
                break;
            case "category" when IsWp(ns):
                var category = Children();
                if (category.GetValueOrDefault("category_nicename") is { Length: > 0 } nicename)
                    Channel.Categories.Add(new WxrCategory(nicename, category.GetValueOrDefault("cat_name") ?? nicename,
                        category.GetValueOrDefault("category_parent") is { Length: > 0 } parent ? parent : null));
                break;
            case "tag" when IsWp(ns):
                var tag = Children();
                if (tag.GetValueOrDefault("tag_slug") is { Length: > 0 } slug)
                    Channel.Tags.Add(new WxrTag(slug, tag.GetValueOrDefault("tag_name") ?? slug));
                break;
            default: _xml.Skip(); break;
        }
    }

    private WxrItem ReadItem()
    {
        var item = new WxrItem { Line = ((IXmlLineInfo)_xml).LineNumber };
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return item;
        }
        var depth = _xml.Depth;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType != XmlNodeType.Element)
            {
                if (!_xml.Read()) break;
                continue;
            }
            var ns = _xml.NamespaceURI;
            switch (_xml.LocalName)
            {
                case "title" when ns.Length == 0: item.Title = Text(); break;
                case "link" when ns.Length == 0: item.Link = Text(); break;
                case "guid" when ns.Length == 0: item.Guid = Text(); break;
                case "creator" when ns == DcNs: item.Creator = Text(); break;
                case "encoded" when ns == ContentNs: item.Content = Text(); break;
                case "encoded" when IsExcerpt(ns): item.Excerpt = Text(); break;
                case "post_id" when IsWp(ns): item.PostId = PostId(); break;
                case "post_date" when IsWp(ns): item.PostDate = Text(); break;
                case "post_date_gmt" when IsWp(ns): item.PostDateGmt = Text(); break;
                case "post_name" when IsWp(ns): item.PostName = Text(); break;
                case "status" when IsWp(ns): item.Status = Text(); break;
                case "post_type" when IsWp(ns): item.PostType = Text(); break;
                case "attachment_url" when IsWp(ns): item.AttachmentUrl = Text(); break;
                case "category" when ns.Length == 0:
                    var domain = _xml.GetAttribute("domain") ?? "category";
                    var nicename = _xml.GetAttribute("nicename") ?? "";
                    item.Terms.Add(new WxrItemTerm(domain, nicename, Text()));
                    break;
                case "postmeta" when IsWp(ns):
                    var meta = Children();
                    if (meta.GetValueOrDefault("meta_key") is { Length: > 0 } key) item.Meta[key] = meta.GetValueOrDefault("meta_value") ?? "";
                    break;
                default: _xml.Skip(); break;
            }
        }
        _xml.Read();
        return item;
    }

    private long PostId()
    {
        var (line, column) = Position();
        var text = Text();
        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new WxrFormatException($"expected a number in <wp:post_id>, found '{text}'.", line, column);
    }

    /// <summary>The element's text (CDATA included); leaves the reader after its end tag.</summary>
    private string Text() => _xml.ReadElementContentAsString();

    /// <summary>The text of each child element by local name (wp:author, wp:category, wp:postmeta).</summary>
    private Dictionary<string, string> Children()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_xml.IsEmptyElement)
        {
            _xml.Read();
            return values;
        }
        var depth = _xml.Depth;
        _xml.Read();
        while (!(_xml.NodeType == XmlNodeType.EndElement && _xml.Depth == depth))
        {
            if (_xml.NodeType == XmlNodeType.Element) values[_xml.LocalName] = Text();
            else if (!_xml.Read()) break;
        }
        _xml.Read();
        return values;
    }

    private static bool IsWp(string ns) => ns.StartsWith(WxrNsPrefix, StringComparison.Ordinal) && !ns.EndsWith("excerpt/", StringComparison.Ordinal);

    private static bool IsExcerpt(string ns) => ns.StartsWith(WxrNsPrefix, StringComparison.Ordinal) && ns.EndsWith("excerpt/", StringComparison.Ordinal);

    private (int Line, int Column) Position() => (((IXmlLineInfo)_xml).LineNumber, ((IXmlLineInfo)_xml).LinePosition);

    private WxrFormatException Here(string message)
    {
        var (line, column) = Position();
        return new WxrFormatException(message, line, column);
    }

    public void Dispose() => _xml.Dispose();
}
