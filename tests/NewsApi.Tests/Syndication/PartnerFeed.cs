using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Syndication;

/// <summary>A syndication partner as the README tells one to be: it reads the change feed page by page and
/// applies each entry to what it holds (uri → ninjs document). Every upsert document is checked against the schema.</summary>
public sealed class PartnerFeed(HttpClient partner)
{
    public Dictionary<string, JsonNode> Held { get; private init; } = new(StringComparer.Ordinal);

    /// <summary>Where the next poll starts; null: at the first change ever.</summary>
    public string? Cursor { get; private set; }

    /// <summary>Every entry read so far, in order.</summary>
    public List<JsonElement> Entries { get; } = [];

    /// <summary>A partner that starts from what this one holds now and where it stands.</summary>
    public PartnerFeed Fork(HttpClient client) => new(client)
    {
        Held = Held.ToDictionary(h => h.Key, h => h.Value.DeepClone(), StringComparer.Ordinal),
        Cursor = Cursor,
    };

    /// <summary>Polls until a page comes back empty, applying every entry; returns how many pages were read.</summary>
    public async Task<int> CatchUpAsync(int pageSize)
    {
        var pages = 0;
        while (true)
        {
            var page = await PageAsync(partner, Cursor, pageSize);
            pages++;
            var items = page.GetProperty("items");
            Assert.That(items.GetArrayLength(), Is.LessThanOrEqualTo(pageSize));
            foreach (var entry in items.EnumerateArray()) Apply(entry);
            Cursor = page.GetProperty("nextCursor").GetString();
            Assert.That(Cursor, Is.Not.Null.And.Not.Empty, "nextCursor is always present");
            if (items.GetArrayLength() == 0) return pages;
        }
    }

    private void Apply(JsonElement entry)
    {
        if (Entries.Count > 0)
            Assert.That(entry.GetProperty("seq").GetInt64(), Is.GreaterThan(Entries[^1].GetProperty("seq").GetInt64()), "seq grows");
        Entries.Add(entry.Clone());
        var uri = entry.GetProperty("uri").GetString()!;
        switch (entry.GetProperty("type").GetString())
        {
            case "upsert":
                var article = entry.GetProperty("article");
                NinjsSchema.AssertValid(article, $"upsert {entry.GetProperty("seq")}");
                Assert.That(article.GetProperty("uri").GetString(), Is.EqualTo(uri));
                Held[uri] = JsonNode.Parse(article.GetRawText())!;
                break;
            case "delete":
                Assert.That(entry.TryGetProperty("article", out _), Is.False, "a delete carries no document");
                Held.Remove(uri);
                break;
            default:
                Assert.Fail("unknown change type: " + entry);
                break;
        }
    }

    /// <summary>GET /v1/syndication/changes, asserting the 200.</summary>
    public static async Task<JsonElement> PageAsync(HttpClient client, string? cursor, int limit)
    {
        using var response = await client.GetAsync(ChangesUrl(cursor, limit));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).Clone();
    }

    public static string ChangesUrl(string? cursor, int? limit = null)
    {
        var query = new List<string>();
        if (cursor is not null) query.Add("since=" + Uri.EscapeDataString(cursor));
        if (limit is not null) query.Add("limit=" + limit.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return "/v1/syndication/changes" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>The cursor at the end of the feed now: a partner that starts here sees only what happens next.</summary>
    public static async Task<string> EndAsync(HttpClient client)
    {
        var feed = new PartnerFeed(client);
        await feed.CatchUpAsync(500);
        return feed.Cursor!;
    }

    /// <summary>The entries after <paramref name="cursor"/>, all of them.</summary>
    public static async Task<List<JsonElement>> SinceAsync(HttpClient client, string cursor)
    {
        var feed = new PartnerFeed(client) { Cursor = cursor };
        await feed.CatchUpAsync(500);
        return feed.Entries;
    }
}
