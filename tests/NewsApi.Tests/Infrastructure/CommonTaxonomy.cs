using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using static NewsApi.Text.SlugSafety;

namespace NewsApi.Tests.Infrastructure;

/// <summary>The sections, sources and authors most tests name: desh (with rajya under it) and khel; ians and pti;
/// ravi and sita. Written straight to the database, as the demo loader writes its own, because it is where a test
/// starts rather than something it does: no write of it is observable (content clock, purge outbox, key use).
/// Rows already there (the demo page has ians) are left as they are. Content a test creates goes through the API
/// (<see cref="EditorialHttp"/>).</summary>
public static class CommonTaxonomy
{
    public static async Task InsertAsync(NewsApiFactory factory)
    {
        await using var connection = await factory.Services.GetRequiredService<Db>().OpenAsync();
        const string now = "2025-01-01T00:00:00.0000000Z";
        await connection.ExecuteAsync("""
            INSERT INTO sections (slug, slug_skeleton, name, parent_id, created_at, updated_at) VALUES ('desh', @desh, 'देश', NULL, @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sections (slug, slug_skeleton, name, parent_id, created_at, updated_at) VALUES ('rajya', @rajya, 'राज्य', (SELECT id FROM sections WHERE slug = 'desh'), @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sections (slug, slug_skeleton, name, parent_id, created_at, updated_at) VALUES ('khel', @khel, 'खेल', NULL, @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sources (slug, name, created_at, updated_at) VALUES ('ians', 'आईएएनएस', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO sources (slug, name, created_at, updated_at) VALUES ('pti', 'पीटीआई', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO authors (slug, name, created_at, updated_at) VALUES ('ravi', 'रवि कुमार', @now, @now) ON CONFLICT DO NOTHING;
            INSERT INTO authors (slug, name, created_at, updated_at) VALUES ('sita', 'सीता शर्मा', @now, @now) ON CONFLICT DO NOTHING;
            """, new { now, desh = Skeleton("desh"), rajya = Skeleton("rajya"), khel = Skeleton("khel") });
    }
}
