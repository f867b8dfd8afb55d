using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using NewsApi.Articles;
using NewsApi.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NewsApi.OpenApi;

/// <summary>Writes each operation's description from the rules that apply to it — paging, sparse fields,
/// the 301 of a retired slug, conditional GETs, If-Match, the key it needs — so the contract carries what
/// otherwise lives only in the README, and a new route gets the same sentences from its metadata.
/// A description set on the endpoint (<c>.WithDescription</c>) comes first.</summary>
public sealed class OperationDescriptionsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var responses = operation.Responses ?? [];
        var parameters = operation.Parameters?.Select(p => p.Name).ToHashSet() ?? [];
        var get = string.Equals(context.ApiDescription.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase);
        var lines = new List<string>();
        if (!string.IsNullOrWhiteSpace(operation.Description)) lines.Add(operation.Description);
        if (parameters.Contains("cursor"))
            lines.Add("**Paging.** The answer is `{ items, nextCursor }`, newest first (publishedAt, then id), so paging never skips or repeats an item while stories are published. Pass `nextCursor` back as `cursor` for the next page (the `Link: rel=\"next\"` header holds the same URL); it is null on the last page. Cursors are opaque and signed: an altered one is a 400.");
        if (metadata.OfType<SparseFieldsEndpoint>().Any())
            lines.Add("**Sparse fields.** With `fields=headline,excerpt` the article holds only those members and `id` (the `…Fields` schema); without it, every member.");
        if (responses.ContainsKey("301"))
            lines.Add("**Retired slugs.** When an article's slug changed, its old slug answers 301 with `Location` naming the current one (query string kept); follow it.");
        if (get)
            lines.Add("**Caching.** A 200 carries a strong `ETag` and `Last-Modified`; send them back as `If-None-Match` / `If-Modified-Since` for a 304. `HEAD` answers the same headers without a body.");
        if (responses.ContainsKey("428"))
            lines.Add("**Concurrency.** Send `If-Match` with the ETag from the resource's last GET or write: without it the answer is 428, with an outdated one 412 (someone saved it since). A successful write answers the new `ETag`.");
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).Distinct().ToList();
        if (metadata.OfType<ContentApiEndpoint>().Any())
            lines.Add("**Access.** Open to everyone, unless the deployment sets ContentApi:RequireKey: then a key of any role (`Authorization: Bearer` or `X-Api-Key`).");
        else if (policies.Count > 0)
            lines.Add($"**Access.** Needs an API key (`Authorization: Bearer <key>` or `X-Api-Key`) with the role {string.Join(" and ", policies.Select(RolesOf))}; 401 without a valid key, 403 when its role is not enough.");
        operation.Description = lines.Count > 0 ? string.Join("\n\n", lines) : null;
    }

    /// <summary>The roles a policy of AccessSetup admits; a policy added later is named as it is.</summary>
    private static string RolesOf(string? policy) => policy switch
    {
        Access.Policies.Newsroom => "admin, editor or author",
        Access.Policies.Editor => "admin or editor",
        Access.Policies.Partner => "admin or partner",
        Access.Policies.Admin => "admin",
        Access.Policies.Reader => "reader or above",
        _ => $"the `{policy}` policy admits",
    };
}
