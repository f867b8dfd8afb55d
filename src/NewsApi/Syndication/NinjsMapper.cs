using System.Globalization;
using NewsApi.Articles;

namespace NewsApi.Syndication;

/// <summary>An article as an IPTC ninjs 2.2 document (mappings in shared/standards/README.md). Pure: it reads
/// nothing, so a write can build the document inside its transaction from the row it has just saved.</summary>
public static class NinjsMapper
{
    /// <summary>The article's stable identifier for partners. From the id alone, never the slug or the site's
    /// address: a partner that stored it must recognise the article after either changes.</summary>
    public static string Uri(long id) => "urn:newsapi:article:" + id.ToString(CultureInfo.InvariantCulture);

    /// <param name="article">The article with its HTML body.</param>
    /// <param name="bodyText">Its plain-text body.</param>
    /// <param name="related">The curated related stories partners may have (syndicated themselves), in order.</param>
    public static NinjsDocument ToDocument(Article article, string bodyText, IReadOnlyList<long> related)
    {
        // No charcount: counting user-perceived characters costs as much as writing the whole document, and this
        // runs inside the write transaction.
        var words = Words(bodyText);
        return new NinjsDocument
        {
            Uri = Uri(article.Id),
            Version = article.Version.ToString(CultureInfo.InvariantCulture),
            FirstCreated = article.PublishedAt,
            VersionCreated = article.UpdatedAt,
            ContentCreated = article.CreatedAt,
            Embargoed = article.EmbargoUntil,
            CopyrightHolder = article.Source?.Name,
            Language = article.Language,
            Headlines = article.Subheadline is { } sub
                ? [new NinjsText("main", null, article.Headline), new NinjsText("sub", null, sub)]
                : [new NinjsText("main", null, article.Headline)],
            Descriptions = [new NinjsText("summary", "text/plain", article.Excerpt)],
            Bodies =
            [
                new NinjsBody("main", "text/html", words, article.Body.Html ?? ""),
                new NinjsBody("main", "text/plain", words, bodyText),
            ],
            Subjects = [new NinjsSubject(article.Section.Name, "section", article.Section.Slug),
                .. article.Tags.Select(t => new NinjsSubject(t.Name, "tag", t.Slug))],
            InfoSources = article.Source is { } source ? [new NinjsInfoSource(source.Name, "source", source.Slug)] : null,
            By = article.Authors.Count > 0 ? string.Join(", ", article.Authors.Select(a => a.Name)) : null,
            Located = article.Dateline,
            Associations = Associations(article.Image, related),
            AltIds = [new NinjsAltId("slug", article.Slug), new NinjsAltId("url", article.CanonicalUrl)],
        };
    }

    private static List<NinjsAssociation>? Associations(ArticleImage? image, IReadOnlyList<long> related)
    {
        var associations = new List<NinjsAssociation>();
        if (image is not null)
        {
            var href = AbsoluteUri(image.Url);
            List<NinjsText> descriptions = [];
            if (image.Alt is { } alt) descriptions.Add(new NinjsText("alt", "text/plain", alt));
            if (image.Caption is { } caption) descriptions.Add(new NinjsText("caption", "text/plain", caption));
            associations.Add(new NinjsAssociation
            {
                Name = "featureimage",
                Uri = href,
                Type = "picture",
                Descriptions = descriptions.Count > 0 ? descriptions : null,
                By = image.Credit,
                Renditions = [new NinjsRendition("original", href, image.Width, image.Height)],
            });
        }
        associations.AddRange(related.Select((id, i) => new NinjsAssociation
        {
            Name = "related-" + (i + 1).ToString(CultureInfo.InvariantCulture),
            Uri = Uri(id),
            Type = "text",
        }));
        return associations.Count > 0 ? associations : null;
    }

    // ninjs wants RFC 3986 URIs; an editor's image address may be an IRI (Devanagari in its path), which this
    // percent-encodes. Writes accept only absolute http(s) addresses.
    private static string AbsoluteUri(string url) =>
        System.Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsoluteUri : url;

    /// <summary>Runs of non-white-space, counted without allocating (a 1 MB body has 100 000 of them).</summary>
    private static int Words(string text)
    {
        var (words, inWord) = (0, false);
        foreach (var c in text)
        {
            var letter = !char.IsWhiteSpace(c);
            if (letter && !inWord) words++;
            inWord = letter;
        }
        return words;
    }
}
