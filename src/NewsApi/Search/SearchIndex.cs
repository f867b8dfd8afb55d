using System.Data;
using Microsoft.Data.Sqlite;
using NewsApi.Articles;
using NewsApi.Editorial;

namespace NewsApi.Search;

/// <summary>One row of <c>article_search</c> (Dapper parameters).</summary>
public sealed record SearchDocument(long Id, string PublishedAt, string Headline, string Excerpt, string Body, string RomanHeadline, string RomanText)
{
    public static SearchDocument From(long id, DateTimeOffset publishedAt, IndexedText text) =>
        new(id, Data.DbTime.ToText(publishedAt), text.Headline, text.Excerpt, text.Body, text.RomanHeadline, text.RomanText);
}

/// <summary>An article's text as the index stores it: normalised, with the phonetic keys of its Devanagari
/// words. Worked out before a write transaction opens (it costs ~100 ms for a 1 MB body).</summary>
public sealed record IndexedText(string Headline, string Excerpt, string Body, string RomanHeadline, string RomanText);

/// <summary>Keeps <c>article_search</c> holding exactly the publicly visible articles. Called by
/// <see cref="ArticleWriter"/> inside the write's transaction, so the index never disagrees with the
/// articles table; caught up at start-up and when embargoes end. Its SQL is <see cref="SearchIndexRepository"/>'s.</summary>
public sealed class SearchIndex(SearchIndexRepository index, Suggester suggestions, DidYouMean didYouMean) : IArticleIndexer
{
    public IndexedText Prepare(string headline, string? customExcerpt, string bodyText) => Text(headline, customExcerpt ?? "", bodyText);

    /// <param name="text">The article's <see cref="Prepare"/>d text; null when the write did not change it
    /// (curating related stories), which leaves an existing entry as it is.</param>
    public Task IndexAsync(SqliteConnection connection, SqliteTransaction tx, ArticleRow article, IndexedText? text, CancellationToken ct)
    {
        suggestions.Changed();
        didYouMean.Changed();
        return index.IndexAsync(connection, tx, article, text, ct);
    }

    public Task RemoveAsync(SqliteConnection connection, SqliteTransaction tx, long articleId, CancellationToken ct)
    {
        suggestions.Changed();
        didYouMean.Changed();
        return index.RemoveAsync(connection, tx, articleId, ct);
    }

    /// <summary>The index row of an article: normalised text and the phonetic keys of its Devanagari words.
    /// Only an editor's own excerpt is indexed as the excerpt: a derived one is the body's first words, and
    /// indexing it would count them twice (a body match would outweigh a headline match).</summary>
    public static SearchDocument Document(long id, DateTimeOffset publishedAt, string headline, string excerpt, string bodyText) =>
        SearchDocument.From(id, publishedAt, Text(headline, excerpt, bodyText));

    private static IndexedText Text(string headline, string excerpt, string bodyText)
    {
        var h = SearchText.Normalize(headline);
        var e = SearchText.Normalize(excerpt);
        var b = SearchText.Normalize(bodyText);
        return new IndexedText(h, e, b, Keys(h), Keys(e + " " + b));
    }

    /// <summary>What the roman_* columns hold for a text: the phonetic key of each Devanagari word (Latin letters,
    /// for romanised queries) and the fold of each word that has a variant spelling (<see cref="Variants"/>;
    /// Devanagari, so the two never meet).</summary>
    private static string Keys(string normalized)
    {
        var tokens = SearchText.Tokens(normalized).Where(SearchText.IsDevanagari).Distinct(StringComparer.Ordinal).ToList();
        return string.Join(' ', tokens.Select(Romanizer.Key).OfType<string>().Distinct(StringComparer.Ordinal).Concat(Variants.Of(tokens)));
    }

    /// <summary>Version of what the index stores (normalisation, <see cref="Romanizer"/> keys and
    /// <see cref="Variants"/> folds). When it changes, start-up rebuilds the index so old rows do not keep old keys.
    /// 5: variant folds added to roman_*.</summary>
    public const string Version = "5";

    /// <summary>Start-up: rebuilds the index if it was built by another version, then adds what is missing.</summary>
    public async Task<int> EnsureCurrentAsync(CancellationToken ct)
    {
        if (await index.BuiltVersionAsync(ct) != Version) await index.ClearAsync(Version, ct);
        return await CatchUpAsync(embargoOnly: false, ct);
    }

    /// <summary>Records, inside the caller's transaction, that the index holds this <see cref="Version"/>'s rows
    /// (for a corpus written straight into the tables).</summary>
    public static Task MarkCurrentAsync(IDbConnection connection, IDbTransaction tx, CancellationToken ct) =>
        SearchIndexRepository.MarkVersionAsync(connection, tx, Version, ct);

    /// <summary>Adds public articles the index lacks: everything at start-up (after an upgrade or a restore),
    /// only those whose embargo has just passed on the scheduler's pass.</summary>
    public async Task<int> CatchUpAsync(bool embargoOnly, CancellationToken ct)
    {
        var rows = await index.MissingAsync(embargoLiftedOnly: embargoOnly, ct);
        var added = 0;
        // Text is worked out outside the transaction, in batches so no write holds the lock for long.
        foreach (var batch in rows.Chunk(200))
            added += await index.AddAsync([.. batch.Select(r => (r, Prepare(r.Headline, r.CustomExcerpt, r.BodyText)))], embargoLifted: embargoOnly, ct);
        return added;
    }
}
