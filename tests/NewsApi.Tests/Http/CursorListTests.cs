using System.Net;
using NewsApi.Http;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Http;

/// <summary>The taxonomy lists share one paging record and validator; which list a cursor must come from is each
/// endpoint's own: a list pages with the cursors it issued and refuses another list's.</summary>
[TestFixture]
public sealed class CursorListTests : ApiTestBase
{
    // Two authors and two sources besides the demo page's, so every list has a second page.
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    [TestCase("/v1/sections", "/v1/tags")]
    [TestCase("/v1/tags", "/v1/authors")]
    [TestCase("/v1/authors", "/v1/sources")]
    [TestCase("/v1/sources", "/v1/sections")]
    public async Task A_list_pages_with_its_own_cursor_and_refuses_another_lists(string list, string other)
    {
        var cursor = (await (await Public.GetAsync(list + "?limit=1")).JsonAsync()).GetProperty("nextCursor").GetString();
        Assert.That(cursor, Is.Not.Null, $"{list} needs more than one item");
        using var next = await Public.GetAsync($"{list}?limit=1&cursor={Uri.EscapeDataString(cursor!)}");
        Assert.That(next.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var problem = await (await Public.GetAsync($"{other}?cursor={Uri.EscapeDataString(cursor!)}")).AssertProblemAsync(400);
        Assert.That(problem.GetProperty("errors").GetProperty("cursor")[0].GetString(), Is.EqualTo(CursorCodec.Invalid));
    }
}
