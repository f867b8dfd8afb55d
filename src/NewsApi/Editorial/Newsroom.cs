using System.Globalization;
using System.Security.Claims;
using NewsApi.Access;
using NewsApi.Articles;

namespace NewsApi.Editorial;

/// <summary>Who the caller is and what their role lets them do to an article.</summary>
public static class Newsroom
{
    public static Actor ActorOf(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? "unknown",
        ParseId(user.FindFirstValue(NewsClaims.KeyId)),
        ParseId(user.FindFirstValue(NewsClaims.AuthorId)));

    public static bool IsEditor(ClaimsPrincipal user) => user.IsInRole(Roles.Editor) || user.IsInRole(Roles.Admin);

    /// <summary>Editors and admins edit anything; an author only their own drafts.</summary>
    public static bool CanEdit(ClaimsPrincipal user, ArticleRow article)
    {
        if (IsEditor(user)) return true;
        if (article.Status != "draft") return false;
        var actor = ActorOf(user);
        return actor.AuthorId is { } authorId
            ? article.OwnerAuthorId == authorId
            : article.OwnerKeyId is not null && article.OwnerKeyId == actor.KeyId;
    }

    private static long? ParseId(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
