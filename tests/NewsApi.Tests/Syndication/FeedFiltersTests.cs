using System.Net;
using System.Net.Http.Headers;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Syndication;

/// <summary>Feeds are public answers: what the content API would list, filtered like it, cached like it.</summary>
[TestFixture]
public sealed class FeedFiltersTests : FeedsTestBase
{
    private static readonly string FloodTag = Uri.EscapeDataString("बाढ़".Normalize());

    [TestCaseSource(nameof(Formats))]
    public async Task Drafts_scheduled_archived_and_embargoed_articles_are_never_in_a_feed(string format)
    {
        var all = await IdsAsync(Public, format);
        var tagged = await IdsAsync(Public, format, "?tag=" + FloodTag);
        using (Assert.EnterMultipleScope())
        {
            // Cricket may not be syndicated to partners, but a feed is a public answer like /v1/articles.
            Assert.That(all, Is.EqualTo(new[] { IdOf(Election), IdOf(Cricket), IdOf(Flood) }));
            Assert.That(tagged, Is.EqualTo(new[] { IdOf(Election), IdOf(Flood) }));
            Assert.That(all.Concat(tagged), Has.None.AnyOf(Hidden.Select(IdOf).ToArray()));
        }
    }

    public static IEnumerable<TestCaseData> Filters() =>
        from format in Formats
        from filter in new (string Query, string Name)[]
        {
            ("?section=desh", "section with its sub-section"),
            ("?section=rajya", "sub-section"),
            ("?section=KHEL", "section, any case"),
            ("?tag=" + Uri.EscapeDataString("चुनाव"), "tag"),
            ("?section=desh&tag=" + FloodTag, "section and tag"),
        }
        select new TestCaseData(format, filter.Query).SetArgDisplayNames(format, filter.Name);

    [TestCaseSource(nameof(Filters))]
    public async Task Section_and_tag_narrow_the_feed(string format, string query)
    {
        var expected = query switch
        {
            "?section=desh" => new[] { Election, Flood },
            "?section=rajya" => [Flood],
            "?section=KHEL" => [Cricket],
            _ when query.StartsWith("?tag=", StringComparison.Ordinal) => [Election],
            _ => [Election, Flood],
        };
        Assert.That(await IdsAsync(Public, format, query), Is.EqualTo(expected.Select(IdOf)));
    }

    public static IEnumerable<TestCaseData> Unknown() =>
        from format in Formats
        from query in new[] { "?section=nowhere", "?tag=nothing", "?section=desh&tag=nothing",
            // Only hidden articles carry this tag: to the public it does not exist, as at /v1/tags/{slug}.
            "?tag=" + Uri.EscapeDataString("गुप्त-योजना") }
        select new TestCaseData(format, query);

    [TestCaseSource(nameof(Unknown))]
    public async Task An_unknown_section_or_tag_is_a_404_problem(string format, string query)
    {
        using var response = await Public.GetAsync(Url(format, query));
        var problem = await response.AssertProblemAsync(404);
        Assert.That(problem.GetProperty("detail").GetString(), Does.StartWith("No "));
    }

    [TestCase("rss.xml", "application/rss+xml")]
    [TestCase("atom.xml", "application/atom+xml")]
    [TestCase("feed.json", "application/feed+json")]
    public async Task A_feed_is_a_cacheable_public_answer_with_its_media_type_and_surrogate_keys(string format, string mediaType)
    {
        using var first = await Public.GetAsync(Url(format, "?section=desh"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var keys = first.Headers.GetValues("Surrogate-Key").Single().Split(' ');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
            Assert.That(first.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
            Assert.That(first.Headers.CacheControl?.Public, Is.True);
            Assert.That(first.Content.Headers.LastModified, Is.Not.Null);
            Assert.That(keys, Is.SupersetOf(new[] { "articles", $"article-{Election}", $"article-{Flood}", "section-desh", "section-rajya" }));
            Assert.That(keys, Has.None.EqualTo($"article-{Cricket}"));
        }

        using var again = new HttpRequestMessage(HttpMethod.Get, Url(format, "?section=desh"));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await Public.SendAsync(again);
        Assert.That(revalidated.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(revalidated.Headers.ETag, Is.EqualTo(first.Headers.ETag));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task A_filtered_feed_names_its_tag_for_purges(string format)
    {
        using var response = await Public.GetAsync(Url(format, "?tag=" + FloodTag));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.GetValues("Surrogate-Key").Single().Split(' '), Does.Contain("tag-" + FloodTag));
    }

    [TestCaseSource(nameof(Formats))]
    public async Task Head_answers_like_get_without_a_body(string format)
    {
        using var get = await Public.GetAsync(Url(format));
        using var head = await Public.SendAsync(new HttpRequestMessage(HttpMethod.Head, Url(format)));
        Assert.That(head.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(head.Headers.ETag, Is.EqualTo(get.Headers.ETag));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(head.Content.Headers.ContentType, Is.EqualTo(MediaTypeHeaderValue.Parse(get.Content.Headers.ContentType!.ToString())));
    }
}
