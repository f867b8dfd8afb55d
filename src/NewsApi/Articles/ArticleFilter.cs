using System.Text;
using Dapper;

namespace NewsApi.Articles;

/// <summary>The list filters shared by articles, teasers and search.</summary>
public sealed record ArticleFilter(
    string? Section = null, string? Tag = null, string? Author = null, string? Source = null, string? Lang = null,
    DateTimeOffset? PublishedAfter = null, DateTimeOffset? PublishedBefore = null)
{
    /// <summary>Public visibility: published, and past publication time and embargo.</summary>
    public const string PublicPredicate =
        " a.status = 'published' AND a.published_at <= @now AND (a.embargo_until IS NULL OR a.embargo_until <= @now) ";

    /// <summary>The ids of section <c>@section</c> and of all its sub-sections, for
    /// <see cref="AppendTo"/>'s <c>sectionIds</c>.</summary>
    public const string SectionTreeSql = """
        WITH RECURSIVE tree(id) AS (
            SELECT id FROM sections WHERE slug = @section
            UNION SELECT c.id FROM sections c JOIN tree ON c.parent_id = tree.id)
        SELECT id FROM tree
        """;

    /// <summary>Appends the filter's conditions (each a fixed fragment, values as parameters).</summary>
    /// <param name="sectionIds">The section's tree already looked up (<see cref="SectionTreeSql"/>); without it,
    /// a subquery finds it.</param>
    public void AppendTo(StringBuilder where, DynamicParameters args, IReadOnlyList<long>? sectionIds = null)
    {
        if (sectionIds is not null)
        {
            where.Append(" AND a.section_id IN @sectionIds");
            args.Add("sectionIds", sectionIds);
        }
        else if (Section is not null)
        {
            where.Append(" AND a.section_id IN (").Append(SectionTreeSql).Append(')');
            args.Add("section", Section);
        }
        if (Tag is not null)
        {
            where.Append(" AND a.id IN (SELECT at.article_id FROM article_tags at JOIN tags t ON t.id = at.tag_id WHERE t.slug = @tag)");
            args.Add("tag", Tag);
        }
        if (Author is not null)
        {
            where.Append(" AND a.id IN (SELECT aa.article_id FROM article_authors aa JOIN authors au ON au.id = aa.author_id WHERE au.slug = @author)");
            args.Add("author", Author);
        }
        if (Source is not null)
        {
            where.Append(" AND a.source_id = (SELECT id FROM sources WHERE slug = @source)");
            args.Add("source", Source);
        }
        if (Lang is not null)
        {
            where.Append(" AND lower(a.language) = lower(@lang)");
            args.Add("lang", Lang);
        }
        if (PublishedAfter is { } after)
        {
            where.Append(" AND a.published_at > @publishedAfter");
            args.Add("publishedAfter", after);
        }
        if (PublishedBefore is { } before)
        {
            where.Append(" AND a.published_at < @publishedBefore");
            args.Add("publishedBefore", before);
        }
    }
}
