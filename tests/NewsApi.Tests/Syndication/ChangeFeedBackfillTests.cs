using Microsoft.Extensions.DependencyInjection;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Syndication;

/// <summary>A database from before the change feed (migration 0006) has articles partners were never told of:
/// the scheduler's first pass after start-up compares every article with what partners hold and sends them.</summary>
public sealed class ChangeFeedBackfillTests : ApiTestBase
{
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    [Test]
    public async Task Articles_written_before_the_feed_existed_join_it_on_the_first_pass_after_start()
    {
        await using (var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync())
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM syndication_changes; DELETE FROM syndicated_articles;");
        Restart(DateTimeOffset.UtcNow);
        var partner = await ClientAsync("partner");
        var demo = await IdsAsync(Public, "/v1/teasers?limit=100");
        Assert.That(demo, Is.Not.Empty);

        // The pass runs as the service starts, in the background.
        var feed = new PartnerFeed(partner);
        for (var deadline = DateTime.UtcNow.AddSeconds(30); feed.Held.Count < demo.Count && DateTime.UtcNow < deadline; await Task.Delay(50))
            await feed.CatchUpAsync(100);
        Assert.That(feed.Held.Keys, Is.EquivalentTo(demo.Select(id => $"urn:newsapi:article:{id}")));
    }
}
