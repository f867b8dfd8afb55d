using NewsApi.Http;

namespace NewsApi.Caching;

/// <summary>Which Surrogate-Keys a write touches, in <see cref="CacheTags"/>' words: every key carried by a cached
/// public answer that shows what changed, or that should show it from now on. A cache purges every answer
/// carrying any of them.</summary>
public static class PurgeKeys
{
    /// <summary>On every list, search, related and taxonomy answer. A story that joins a list (published, moved
    /// to a section, newly tagged) reaches only through it the copies cached without it, which cannot name it.</summary>
    public const string Articles = "articles";

    /// <summary>An article write. <paramref name="before"/> and <paramref name="after"/> are the article's own keys
    /// while public (<see cref="PurgeOutboxRepository.ArticleKeysAsync"/>: <c>article-{id}</c>, its section and
    /// the sections above it, whose counts include it, and its tags), empty while not. Nothing when it was public
    /// neither before nor after: a draft's edit changes no public answer. Otherwise both sets, <c>articles</c>,
    /// and <c>tags</c> when tags are involved (a tag is listed once a public article carries it).</summary>
    public static IReadOnlyList<string> ForArticle(IReadOnlyCollection<string> before, IReadOnlyCollection<string> after)
    {
        if (before.Count == 0 && after.Count == 0) return [];
        var own = before.Concat(after).Distinct(StringComparer.Ordinal).ToList();
        var lists = own.Any(k => k.StartsWith("tag-", StringComparison.Ordinal)) ? new[] { Articles, "tags" } : [Articles];
        return [.. lists, .. own];
    }

    /// <summary>A new section, tag, author or source (<paramref name="kind"/> is the list's name, <c>sections</c>
    /// …): its list and its own key (no article names it yet).</summary>
    public static IReadOnlyList<string> ForNewTerm(string kind, string slug) => [kind, CacheTags.Term(kind, slug)];

    /// <summary>A renamed or moved term: its list (a section list's counts follow a move), its key under the old and
    /// the new slug, and <c>articles</c>, because articles and teasers embed its name and lists do not name it.</summary>
    public static IReadOnlyList<string> ForChangedTerm(string kind, string oldSlug, string newSlug) =>
        [.. new[] { Articles, kind, CacheTags.Term(kind, oldSlug), CacheTags.Term(kind, newSlug) }.Distinct(StringComparer.Ordinal)];

    /// <summary>A deleted term: its list and its key. Only unused terms can be deleted, so no article shows it.</summary>
    public static IReadOnlyList<string> ForDeletedTerm(string kind, string slug) => [kind, CacheTags.Term(kind, slug)];
}
