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

    /// <summary>Why an author key may not write <paramref name="input"/>'s byline, or null. The rule: an author key's
    /// article is bylined to the key's own author (co-authors may stand beside them; an editor reviews the byline
    /// before publishing). Without it an author could byline a colleague alone, putting words under their name.
    /// Editors and admins byline anyone. <paramref name="input"/> has had an empty byline filled with the key's author.</summary>
    public static async Task<string?> BylineRefusalAsync(ClaimsPrincipal user, ArticleInput input, ArticleRepository articles, CancellationToken ct)
    {
        if (IsEditor(user)) return null;
        var authors = input.Authors ?? [];
        var own = ActorOf(user).AuthorId is { } authorId ? await articles.OwnerSlugAsync(authorId, ct) : null;
        if (own is null)
            return authors.Count == 0 ? null
                : "This author key belongs to no author, so it may not name authors: leave authors empty and an editor will add the byline.";
        return authors.Any(a => a is not null && Text.Slug.Key(a) == own) ? null
            : $"An author key may only write articles bylined to its own author: include '{own}' in authors (co-authors may stand beside it).";
    }

    /// <summary>An author key's empty byline is its own author, as on create.</summary>
    public static async Task<ArticleInput> WithOwnBylineAsync(ClaimsPrincipal user, ArticleInput input, ArticleRepository articles, CancellationToken ct)
    {
        if (input.Authors is { Count: > 0 } || ActorOf(user).AuthorId is not { } authorId) return input;
        return await articles.OwnerSlugAsync(authorId, ct) is { } own ? input with { Authors = [own] } : input;
    }

    private static long? ParseId(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
