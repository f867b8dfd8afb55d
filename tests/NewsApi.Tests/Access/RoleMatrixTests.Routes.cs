using System.Net;
using System.Net.Http.Json;
using NewsApi.Tests.Infrastructure;
using NewsApi.Access;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Access;

/// <summary>The rows of the matrix: every /v1/admin route, its policy, and a request its caller can make.</summary>
public sealed partial class RoleMatrixTests
{
    private const string Articles = "/v1/admin/articles";

    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Put = HttpMethod.Put,
        Patch = HttpMethod.Patch, Delete = HttpMethod.Delete;

    /// <summary>The routes and policies of the editorial brief (newsroom = admin/editor/author, editor = admin/editor, admin = admin).</summary>
    public static readonly AdminRoute[] Routes =
    [
        // newsroom
        new("POST", Articles, Policies.Newsroom, HttpStatusCode.Created,
            (_, _) => Task.FromResult(Request(Post, Articles, ArticleWithoutAuthors("नई ख़बर " + Unique("create"))))),
        new("GET", Articles, Policies.Newsroom, HttpStatusCode.OK,
            (_, _) => Task.FromResult(Request(Get, Articles))),
        new("GET", Articles + "/{id}", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, _) = await DraftAsync(owner);
            return Request(Get, $"{Articles}/{id}");
        }),
        new("PUT", Articles + "/{id}", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, version) = await DraftAsync(owner);
            return Request(Put, $"{Articles}/{id}", ArticleWithoutAuthors("बदली ख़बर " + Unique("put")), ETag(version));
        }),
        new("PATCH", Articles + "/{id}", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, version) = await DraftAsync(owner);
            return Request(Patch, $"{Articles}/{id}", new { headline = "सुधरी ख़बर " + Unique("patch") }, ETag(version), MergePatchType);
        }),
        new("DELETE", Articles + "/{id}", Policies.Newsroom, HttpStatusCode.NoContent, async (owner, _) =>
        {
            var (id, version) = await DraftAsync(owner);
            return Request(Delete, $"{Articles}/{id}", ifMatch: ETag(version));
        }),
        new("GET", Articles + "/{id}/revisions", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, _) = await DraftAsync(owner);
            return Request(Get, $"{Articles}/{id}/revisions");
        }),
        new("GET", Articles + "/{id}/revisions/{number}", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, _) = await DraftAsync(owner);
            return Request(Get, $"{Articles}/{id}/revisions/1");
        }),
        new("POST", Articles + "/{id}/revisions/{number}/restore", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, version) = await DraftAsync(owner);
            return Request(Post, $"{Articles}/{id}/revisions/1/restore", ifMatch: ETag(version));
        }),
        new("POST", Articles + "/{id}/preview-token", Policies.Newsroom, HttpStatusCode.OK, async (owner, _) =>
        {
            var (id, _) = await DraftAsync(owner);
            return Request(Post, $"{Articles}/{id}/preview-token");
        }),

        // editor: workflow and related
        new("POST", Articles + "/{id}/publish", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
        {
            var (id, version) = await DraftAsync(admin);
            return Request(Post, $"{Articles}/{id}/publish", ifMatch: ETag(version));
        }),
        new("POST", Articles + "/{id}/unpublish", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
        {
            var (id, version) = await PublishedAsync(admin);
            return Request(Post, $"{Articles}/{id}/unpublish", ifMatch: ETag(version));
        }),
        new("POST", Articles + "/{id}/archive", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
        {
            var (id, version) = await DraftAsync(admin);
            return Request(Post, $"{Articles}/{id}/archive", ifMatch: ETag(version));
        }),
        new("PUT", Articles + "/{id}/related", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
        {
            var (id, version) = await DraftAsync(admin);
            var (other, _) = await DraftAsync(admin);
            return Request(Put, $"{Articles}/{id}/related", new { articleIds = new[] { other } }, ETag(version));
        }),

        // editor: taxonomy
        .. Taxonomy("sections"),
        .. Taxonomy("tags"),
        .. Taxonomy("authors"),
        .. Taxonomy("sources"),

        // admin: keys
        new("POST", "/v1/admin/keys", Policies.Admin, HttpStatusCode.Created,
            (_, _) => Task.FromResult(Request(Post, "/v1/admin/keys", new { name = Unique("matrix key"), role = Roles.Reader }))),
        new("GET", "/v1/admin/keys", Policies.Admin, HttpStatusCode.OK,
            (_, _) => Task.FromResult(Request(Get, "/v1/admin/keys"))),
        new("GET", "/v1/admin/keys/{id}", Policies.Admin, HttpStatusCode.OK, async (_, admin) =>
        {
            var id = (await CreateKeyAsync(admin, Roles.Reader)).Id;
            return Request(Get, $"/v1/admin/keys/{id}");
        }),
        new("DELETE", "/v1/admin/keys/{id}", Policies.Admin, HttpStatusCode.NoContent, async (_, admin) =>
        {
            var id = (await CreateKeyAsync(admin, Roles.Reader)).Id;
            return Request(Delete, $"/v1/admin/keys/{id}");
        }),

        // admin: webhooks (to a closed port on this machine: nothing is delivered anywhere)
        new("POST", Webhooks, Policies.Admin, HttpStatusCode.Created,
            (_, _) => Task.FromResult(Request(Post, Webhooks, WebhookBody))),
        new("GET", Webhooks, Policies.Admin, HttpStatusCode.OK, (_, _) => Task.FromResult(Request(Get, Webhooks))),
        new("GET", Webhooks + "/{id}", Policies.Admin, HttpStatusCode.OK,
            async (_, admin) => Request(Get, $"{Webhooks}/{await CreateWebhookAsync(admin)}")),
        new("PATCH", Webhooks + "/{id}", Policies.Admin, HttpStatusCode.OK,
            async (_, admin) => Request(Patch, $"{Webhooks}/{await CreateWebhookAsync(admin)}", new { active = false }, ETag(1), MergePatchType)),
        new("DELETE", Webhooks + "/{id}", Policies.Admin, HttpStatusCode.NoContent,
            async (_, admin) => Request(Delete, $"{Webhooks}/{await CreateWebhookAsync(admin)}")),
        new("POST", Webhooks + "/{id}/rotate-secret", Policies.Admin, HttpStatusCode.OK,
            async (_, admin) => Request(Post, $"{Webhooks}/{await CreateWebhookAsync(admin)}/rotate-secret")),
        new("POST", Webhooks + "/{id}/ping", Policies.Admin, HttpStatusCode.Accepted,
            async (_, admin) => Request(Post, $"{Webhooks}/{await CreateWebhookAsync(admin)}/ping")),
        new("GET", Webhooks + "/{id}/deliveries", Policies.Admin, HttpStatusCode.OK,
            async (_, admin) => Request(Get, $"{Webhooks}/{await CreateWebhookAsync(admin)}/deliveries")),
        new("POST", Webhooks + "/{id}/deliveries/{eventId}/redeliver", Policies.Admin, HttpStatusCode.Accepted, async (_, admin) =>
        {
            var id = await CreateWebhookAsync(admin);
            using var ping = await admin.PostAsync($"{Webhooks}/{id}/ping", null);
            var eventId = (await ping.JsonAsync()).GetProperty("eventId").GetString();
            return Request(Post, $"{Webhooks}/{id}/deliveries/{eventId}/redeliver");
        }),

        // admin: WordPress imports (an export without items: quick, and it writes nothing)
        new("POST", "/v1/admin/imports", Policies.Admin, HttpStatusCode.Accepted,
            (_, _) => Task.FromResult(Request(Post, "/v1/admin/imports", EmptyExport, contentType: "application/xml"))),
        new("GET", "/v1/admin/imports/{id}", Policies.Admin, HttpStatusCode.OK, async (_, admin) =>
        {
            using var started = await admin.SendAsync(Request(Post, "/v1/admin/imports", EmptyExport, contentType: "application/xml"));
            return Request(Get, started.Headers.Location!.ToString());
        }),
    ];

    private const string Webhooks = "/v1/admin/webhooks";

    private static readonly object WebhookBody = new { url = "http://127.0.0.1:9/matrix", events = new[] { "*" } };

    private static async Task<long> CreateWebhookAsync(HttpClient admin)
    {
        using var response = await admin.PostAsJsonAsync(Webhooks, WebhookBody, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("id").GetInt64();
    }

    private const string EmptyExport =
        "<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version></channel></rss>";

    private static AdminRoute[] Taxonomy(string collection)
    {
        var path = "/v1/admin/" + collection;
        return
        [
            new("POST", path, Policies.Editor, HttpStatusCode.Created, (_, _) =>
            {
                var slug = Unique(collection[..^1]);
                return Task.FromResult(Request(Post, path, new { name = "नया " + slug, slug }));
            }),
            new("GET", path + "/{slug}", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
            {
                var slug = await TermAsync(admin, collection);
                return Request(Get, $"{path}/{slug}");
            }),
            // A new term is at version 1: its ETag is "1".
            new("PUT", path + "/{slug}", Policies.Editor, HttpStatusCode.OK, async (_, admin) =>
            {
                var slug = await TermAsync(admin, collection);
                return Request(Put, $"{path}/{slug}", new { name = "बदला नाम " + slug }, ifMatch: ETag(1));
            }),
            new("DELETE", path + "/{slug}", Policies.Editor, HttpStatusCode.NoContent, async (_, admin) =>
            {
                var slug = await TermAsync(admin, collection);
                return Request(Delete, $"{path}/{slug}", ifMatch: ETag(1));
            }),
        ];
    }
}
