using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Data;

/// <summary>SQLITE_BUSY never reaches a client: many writers (create, edit, publish) and readers (lists, search,
/// articles) at once for a few seconds get no 5xx — writes wait their turn for the one write lock.
/// (The 30-second version is the load script's mix: tests/load/bench.sh.)</summary>
[TestFixture]
public sealed class BusyDatabaseTests : ApiTestBase
{
    [Test]
    public async Task A_mixed_load_of_many_writers_and_readers_gets_no_5xx()
    {
        var statuses = new ConcurrentDictionary<int, int>();
        void Count(HttpResponseMessage r) => statuses.AddOrUpdate((int)r.StatusCode, 1, (_, n) => n + 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(6));

        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var created = await Editor.PostAsJsonAsync(ArticlesUrl, Article($"भीड़ में लिखी ख़बर {w}-{i}", tags: ["भीड़"]), NewsApiFactory.Json);
                Count(created);
                if (created.StatusCode != HttpStatusCode.Created) continue;
                var draft = await created.JsonAsync();
                var id = draft.GetProperty("id").GetInt64();
                using var edited = await PatchAsync(Editor, id, new { subheadline = "बदला हुआ " + i }, ETag(draft.GetProperty("version").GetInt64()));
                Count(edited);
                using var published = await SendAtVersionAsync(Editor, HttpMethod.Post, $"{ArticlesUrl}/{id}/publish", draft.GetProperty("version").GetInt64() + 1);
                Count(published);
            }
        })).ToList();
        string[] reads = ["/v1/articles?limit=20", "/v1/teasers?limit=20", "/v1/search?q=भीड़", "/v1/tags", "/v1/sections"];
        var readers = Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                using var response = await Public.GetAsync(reads[(r + i) % reads.Length]);
                Count(response);
            }
        })).ToList();
        await Task.WhenAll(writers.Concat(readers));

        var failures = statuses.Where(s => s.Key >= 500).ToList();
        Assert.That(failures, Is.Empty, string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        Assert.That(statuses.GetValueOrDefault(201), Is.GreaterThan(20), "the writers got through");
    }
}
