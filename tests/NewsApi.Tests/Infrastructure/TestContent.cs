using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Articles;
using NewsApi.Data;
using NewsApi.Editorial;

namespace NewsApi.Tests.Infrastructure;

/// <summary>Creates content through the service's own write path (the same code the editorial API runs).</summary>
public sealed class TestContent(NewsApiFactory factory)
{
    private static readonly Actor TestActor = new("test", null, null);
    private ArticleWriter Writer => factory.Services.GetRequiredService<ArticleWriter>();

    public async Task EnsureTaxonomyAsync()
    {
        var db = factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync();
        const string now = "2025-01-01T00:00:00.0000000Z";
        await connection.ExecuteAsync("""
            INSERT INTO sections (slug, name, parent_id, created_at, updated_at) VALUES ('desh', 'देश', NULL, @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sections (slug, name, parent_id, created_at, updated_at) VALUES ('rajya', 'राज्य', (SELECT id FROM sections WHERE slug = 'desh'), @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sections (slug, name, parent_id, created_at, updated_at) VALUES ('khel', 'खेल', NULL, @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sources (slug, name, created_at, updated_at) VALUES ('ians', 'आईएएनएस', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sources (slug, name, created_at, updated_at) VALUES ('pti', 'पीटीआई', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO authors (slug, name, created_at, updated_at) VALUES ('ravi', 'रवि कुमार', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO authors (slug, name, created_at, updated_at) VALUES ('sita', 'सीता शर्मा', @now, @now) ON CONFLICT DO NOTHING;
            """, new { now });
    }

    public async Task<ArticleRow> DraftAsync(ArticleInput input)
    {
        var result = await Writer.CreateAsync(input, TestActor, CancellationToken.None);
        Assert.That(result.Article, Is.Not.Null, result.Detail);
        return result.Article!;
    }

    public async Task<ArticleRow> PublishedAsync(ArticleInput input, DateTimeOffset publishedAt)
    {
        var draft = await DraftAsync(input);
        var result = await Writer.TransitionAsync(draft.Id, ArticleStatus.Published, publishedAt, null, TestActor, CancellationToken.None);
        return result.Article!;
    }

    public static ArticleInput Hindi(string headline, string section = "desh", string[]? tags = null, string? source = "ians", string[]? authors = null) => new()
    {
        Headline = headline,
        Body = "<p>" + headline + " पर विस्तृत रिपोर्ट। राष्ट्रपति ने कहा कि क्षेत्रीय सहयोग ज़रूरी है।</p>",
        Section = section,
        Tags = tags ?? [],
        Source = source,
        Authors = authors ?? ["ravi"],
        Dateline = "नई दिल्ली",
    };
}
