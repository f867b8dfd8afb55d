namespace NewsApi.Imports;

/// <summary>What the export's channel says about the site, gathered while the file is read.</summary>
public sealed class WxrChannel
{
    public string? Title { get; set; }
    public string? Link { get; set; }
    public string? Language { get; set; }
    public string? WxrVersion { get; set; }
    public string? BaseSiteUrl { get; set; }
    public string? BaseBlogUrl { get; set; }
    public List<WxrAuthor> Authors { get; } = [];
    public List<WxrCategory> Categories { get; } = [];
    public List<WxrTag> Tags { get; } = [];

    /// <summary>Which site the posts' ids belong to: what makes a re-import of the same site an update.</summary>
    public string Site => (BaseSiteUrl ?? BaseBlogUrl ?? Link ?? "").Trim().TrimEnd('/');
}

public sealed record WxrAuthor(string Login, string? DisplayName);

/// <param name="Parent">The parent's nicename, as WordPress writes it (percent-encoded for non-Latin slugs).</param>
public sealed record WxrCategory(string Nicename, string Name, string? Parent);

public sealed record WxrTag(string Slug, string Name);

/// <summary>A term an item carries (<c>&lt;category domain="…" nicename="…"&gt;</c>).</summary>
public sealed record WxrItemTerm(string Domain, string Nicename, string Name);

/// <summary>One <c>&lt;item&gt;</c>: a post, page, attachment, menu item or any other post type.</summary>
public sealed class WxrItem
{
    public int Line { get; init; }
    public string Title { get; set; } = "";
    public string? Link { get; set; }
    public string? Guid { get; set; }
    public string? Creator { get; set; }
    public string Content { get; set; } = "";
    public string Excerpt { get; set; } = "";
    public long? PostId { get; set; }
    public string? PostDate { get; set; }
    public string? PostDateGmt { get; set; }
    public string? PostName { get; set; }
    public string Status { get; set; } = "";
    public string PostType { get; set; } = "";
    public string? AttachmentUrl { get; set; }
    public List<WxrItemTerm> Terms { get; } = [];
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);
}

/// <summary>A featured image as its attachment item describes it.</summary>
public sealed record WxrAttachment(string Url, string? Alt, string? Caption);

/// <summary>A file that is not a readable WordPress export; the message names the line and column and what was expected.</summary>
public sealed class WxrFormatException(string message, int line, int column) : Exception(Describe(message, line, column))
{
    public int Line => line;
    public int Column => column;

    private static string Describe(string message, int line, int column) =>
        line > 0 ? $"Line {line}, column {column}: {message}" : message;
}
