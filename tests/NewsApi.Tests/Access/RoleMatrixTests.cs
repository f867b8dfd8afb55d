using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Access;
using NewsApi.Tests.Infrastructure;
using static NewsApi.Tests.Infrastructure.EditorialHttp;

namespace NewsApi.Tests.Access;

public enum Caller { NoKey, BadKey, RevokedKey, Admin, Editor, Author, Partner, Reader }

public enum Expect { Unauthorized, Forbidden, Allowed }

/// <summary>One /v1/admin route: the policy the brief gives it, the status a permitted call answers, and how to
/// build a valid request for it. <c>owner</c> creates the article the request acts on (an author's own draft
/// for author calls); <c>admin</c> sets up everything else.</summary>
public sealed record AdminRoute(string Method, string Template, string Policy, HttpStatusCode Success,
    Func<HttpClient, HttpClient, Task<HttpRequestMessage>> Arrange)
{
    public string Key => $"{Method} {Template}";

    /// <summary>The template without braces: NUnit reads braces in a test name as a name pattern.</summary>
    public string Display => $"{Method} {Template.Replace("{", ":", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal)}";

    public override string ToString() => Display;
}

/// <summary>Every /v1/admin route × every kind of caller: no key, unknown key, revoked key and each role.</summary>
[TestFixture]
public sealed partial class RoleMatrixTests : ApiTestBase
{
    public const string BadKey = "nk_notarealkey0000000000000";

    public static Expect Expected(string policy, Caller caller) => caller switch
    {
        Caller.NoKey or Caller.BadKey or Caller.RevokedKey => Expect.Unauthorized,
        Caller.Admin => Expect.Allowed,
        Caller.Editor => policy == Policies.Admin ? Expect.Forbidden : Expect.Allowed,
        Caller.Author => policy == Policies.Newsroom ? Expect.Allowed : Expect.Forbidden,
        Caller.Partner or Caller.Reader => Expect.Forbidden,
        _ => throw new ArgumentOutOfRangeException(nameof(caller)),
    };

    public static IEnumerable<TestCaseData> Cells() =>
        from route in Routes
        from caller in Enum.GetValues<Caller>()
        let expect = Expected(route.Policy, caller)
        let outcome = expect switch
        {
            Expect.Unauthorized => "gets 401",
            Expect.Forbidden => "gets 403",
            _ => $"is allowed {(int)route.Success}",
        }
        select new TestCaseData(route, caller, expect).SetName($"{route.Display} with {caller} {outcome}");

    public sealed record CreatedKeyInfo(long Id, string Key);

    public static async Task<CreatedKeyInfo> CreateKeyAsync(HttpClient admin, string role, string? author = null)
    {
        using var response = await admin.PostAsJsonAsync("/v1/admin/keys", new { name = Unique("key for " + role), role, author }, NewsApiFactory.Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var json = await response.JsonAsync();
        return new(json.GetProperty("id").GetInt64(), json.GetProperty("key").GetString()!);
    }

    private readonly Dictionary<Caller, HttpClient> _clients = [];

    protected override async Task ArrangeAsync()
    {
        var revoked = await CreateKeyAsync(Admin, Roles.Admin);
        using (var revoke = await Admin.DeleteAsync($"/v1/admin/keys/{revoked.Id}"))
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        _clients[Caller.NoKey] = Public;
        _clients[Caller.BadKey] = ClientWith(BadKey);
        _clients[Caller.RevokedKey] = ClientWith(revoked.Key);
        _clients[Caller.Admin] = await ClientAsync(Roles.Admin);
        _clients[Caller.Editor] = Editor;
        _clients[Caller.Author] = await ClientAsync(Roles.Author, "ravi");
        _clients[Caller.Partner] = await ClientAsync(Roles.Partner);
        _clients[Caller.Reader] = await ClientAsync(Roles.Reader);
    }

    [TestCaseSource(nameof(Cells))]
    public async Task Admin_route_answers_the_caller_by_role(AdminRoute route, Caller caller, Expect expect)
    {
        // The article an author acts on is the author's own draft, so a refusal can only come from the role.
        var owner = caller == Caller.Author && route.Policy == Policies.Newsroom ? _clients[Caller.Author] : Admin;
        using var request = await route.Arrange(owner, Admin);
        using var response = await _clients[caller].SendAsync(request);
        var body = await BodyAsync(response);

        switch (expect)
        {
            case Expect.Unauthorized:
                await response.AssertProblemAsync(401);
                Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer realm=\"newsapi\""), body);
                break;
            case Expect.Forbidden:
                await response.AssertProblemAsync(403);
                break;
            default:
                Assert.That(response.StatusCode, Is.Not.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), body);
                Assert.That(response.StatusCode, Is.EqualTo(route.Success), body);
                break;
        }
    }

    [Test]
    public void Matrix_has_one_row_per_route_and_the_roles_the_brief_names()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Routes.Select(r => r.Key), Is.Unique);
            Assert.That(Routes, Has.Length.EqualTo(45), "34 editorial routes, 9 of webhooks and 2 of imports");
            Assert.That(Routes.Where(r => Expected(r.Policy, Caller.Partner) != Expect.Forbidden), Is.Empty);
            Assert.That(Routes.Where(r => Expected(r.Policy, Caller.Reader) != Expect.Forbidden), Is.Empty);
            Assert.That(Routes.Where(r => r.Policy != Policies.Newsroom && Expected(r.Policy, Caller.Author) != Expect.Forbidden), Is.Empty);
        }
    }

    [Test]
    public async Task Every_admin_route_in_the_OpenAPI_document_has_a_matrix_row()
    {
        var document = JsonNode.Parse(await Factory.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var served = (
            from path in document["paths"]!.AsObject()
            where path.Key.StartsWith("/v1/admin", StringComparison.Ordinal)
            from operation in path.Value!.AsObject()
            // A HEAD is its GET's twin (HeadAsGetMiddleware routes it to the GET endpoint, same policy).
            where operation.Key != "head"
            select $"{operation.Key.ToUpperInvariant()} {path.Key}").ToList();
        Assert.That(served, Is.EquivalentTo(Routes.Select(r => r.Key)),
            "Each /v1/admin operation needs exactly one row in RoleMatrixTests.Routes (and each row a served operation).");
    }

    [Test]
    public void Every_mapped_admin_endpoint_has_a_matrix_row_with_the_same_policy()
    {
        // Also catches an admin endpoint left out of the OpenAPI document.
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.Trim('/')).StartsWith("/v1/admin", StringComparison.Ordinal));
        var mapped = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var policies = endpoint.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).ToList();
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                var key = $"{method} {path}";
                mapped.Add(key);
                var row = Routes.SingleOrDefault(r => r.Key == key);
                if (row is not null) Assert.That(policies, Is.EqualTo(new[] { row.Policy }), key);
            }
        }
        Assert.That(mapped, Is.EquivalentTo(Routes.Select(r => r.Key)));
    }
}
