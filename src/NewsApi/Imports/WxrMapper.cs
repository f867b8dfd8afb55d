using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NewsApi.Articles;
using NewsApi.Editorial;

namespace NewsApi.Imports;

/// <summary>What the first pass learnt that mapping an item needs: the channel, the attachments (for featured
/// images) and the site's offset from UTC (for drafts, whose GMT date WordPress leaves at zero).</summary>
public sealed record WxrScan(WxrChannel Channel, IReadOnlyDictionary<long, WxrAttachment> Attachments, TimeSpan? SiteOffset, int Items, int Posts);

/// <summary>One WordPress post as a NewsApi article write: the input, the status to move it to and when, its old
/// addresses and a hash of all of it (a re-import writes only when that changed).</summary>
public sealed record ImportPlan(long PostId, ArticleInput Input, ArticleStatus Target, DateTimeOffset? PublishAt, IReadOnlyList<string> LegacyPaths, string Hash);

public static class WxrMapper
{
    public const string UncategorizedSlug = "uncategorized";
    private const string ZeroDate = "0000-00-00 00:00:00";

    /// <summary>The plan for <paramref name="item"/>, or why it is not imported.</summary>
    public static (ImportPlan? Plan, string? SkipReason) Map(WxrItem item, WxrScan scan, DateTimeOffset now)
    {
        if (item.PostType != "post") return (null, $"post type '{(item.PostType.Length == 0 ? "none" : item.PostType)}' is not imported");
        if (item.PostId is not { } postId) return (null, "no wp:post_id");
        var date = PublishedAt(item, scan.SiteOffset) ?? now;
        ArticleStatus target;
        switch (item.Status)
        {
            case "publish" or "future": target = date > now ? ArticleStatus.Scheduled : ArticleStatus.Published; break;
            case "draft" or "pending" or "private": target = ArticleStatus.Draft; break;
            case "trash": return (null, "trashed in WordPress");
            case "auto-draft": return (null, "auto-draft");
            default: return (null, $"status '{item.Status}' is not imported");
        }

        var categories = item.Terms.Where(t => t.Domain == "category").Select(t => WxrContent.Slug(t.Nicename)).OfType<string>().ToList();
        var tags = item.Terms.Where(t => t.Domain == "post_tag").Select(t => WxrContent.Slug(t.Nicename) ?? WxrContent.PlainText(t.Name))
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(ArticleInputValidator.MaxTags).ToList();
        var headline = WxrContent.PlainText(item.Title);
        if (headline.Length > 300) headline = headline[..300];
        var excerpt = WxrContent.PlainText(item.Excerpt);
        var input = new ArticleInput
        {
            Headline = headline.Length > 0 ? headline : $"बिना शीर्षक #{postId.ToString(CultureInfo.InvariantCulture)}",
            Slug = WxrContent.Slug(item.PostName),
            Excerpt = excerpt.Length == 0 ? null : excerpt.Length > 1000 ? excerpt[..1000] : excerpt,
            Body = WxrContent.ToBodyHtml(item.Content),
            Section = categories.FirstOrDefault() ?? UncategorizedSlug,
            Tags = tags,
            Authors = AuthorSlug(item.Creator) is { } author ? [author] : [],
            Language = Language(scan.Channel.Language),
            Image = FeaturedImage(item, scan),
        };
        var legacy = new[] { LegacyPath.Key(item.Link), LegacyPath.Key(item.Guid) }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var publishAt = target == ArticleStatus.Draft ? (DateTimeOffset?)null : date;
        return (new ImportPlan(postId, input, target, publishAt, legacy, Hash(input, target, publishAt, legacy)), null);
    }

    public static string? AuthorSlug(string? login) =>
        string.IsNullOrWhiteSpace(login) ? null : Text.Slug.From(WxrContent.Decode(login.Trim()));

    /// <summary>hi-IN → hi; nothing when the channel has no language (the article default, hi, applies).</summary>
    public static string? Language(string? channelLanguage)
    {
        var primary = channelLanguage?.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary is { Length: >= 2 and <= 3 } && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    /// <summary><c>wp:post_date_gmt</c>; for a draft's zero GMT date, <c>wp:post_date</c> in the site's time zone
    /// (as the posts that carry both dates show it); null when neither can be read.</summary>
    public static DateTimeOffset? PublishedAt(WxrItem item, TimeSpan? siteOffset)
    {
        if (ParseDate(item.PostDateGmt) is { } gmt) return new DateTimeOffset(gmt, TimeSpan.Zero);
        if (siteOffset is { } offset && ParseDate(item.PostDate) is { } local) return new DateTimeOffset(local - offset, TimeSpan.Zero);
        return null;
    }

    /// <summary>post_date − post_date_gmt of an item that has both: the site's offset from UTC.</summary>
    public static TimeSpan? SiteOffset(WxrItem item) =>
        ParseDate(item.PostDate) is { } local && ParseDate(item.PostDateGmt) is { } gmt ? local - gmt : null;

    private static DateTime? ParseDate(string? value) =>
        value is null || value.Trim() == ZeroDate || !DateTime.TryParseExact(value.Trim(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var parsed) ? null : parsed;

    private static ImageInput? FeaturedImage(WxrItem item, WxrScan scan)
    {
        if (!item.Meta.TryGetValue("_thumbnail_id", out var idText) || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !scan.Attachments.TryGetValue(id, out var attachment)
            || !Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return null;
        return new ImageInput { Url = attachment.Url, Alt = attachment.Alt, Caption = attachment.Caption };
    }

    private static string Hash(ArticleInput input, ArticleStatus target, DateTimeOffset? publishAt, IReadOnlyList<string> legacy) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { input, target, publishAt, legacy }))));
}
