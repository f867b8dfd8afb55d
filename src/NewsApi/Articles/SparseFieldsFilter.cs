using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace NewsApi.Articles;

public static class SparseFieldsExtensions
{
    /// <summary>Applies <c>fields=</c> and marks the endpoint, so the contract declares that its answer may hold
    /// only some members (<see cref="OpenApi.SparseFieldsDocumentFilter"/>).</summary>
    public static RouteHandlerBuilder WithSparseFields(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter<SparseFieldsFilter>().WithMetadata(SparseFieldsEndpoint.Instance);
}

/// <summary>Endpoint metadata: the answer obeys <c>fields=</c>.</summary>
public sealed class SparseFieldsEndpoint
{
    public static readonly SparseFieldsEndpoint Instance = new();

    private SparseFieldsEndpoint() { }
}

/// <summary>Applies <c>fields=</c> (sparse fieldsets) to an article or a page of articles after the
/// handler ran, so handlers keep their exact typed results for the contract.</summary>
public sealed class SparseFieldsFilter(IOptions<JsonOptions> json) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        if (result is INestedHttpResult nested) result = nested.Result;
        var raw = context.HttpContext.Request.Query["fields"].ToString();
        if (string.IsNullOrWhiteSpace(raw)) return result;
        var fields = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Append("id").ToHashSet(StringComparer.Ordinal);
        var options = json.Value.SerializerOptions;
        return result switch
        {
            Ok<Article> ok => TypedResults.Json(Prune(JsonSerializer.SerializeToNode(ok.Value, options)!.AsObject(), fields), options),
            Ok<Page<Article>> page => TypedResults.Json(PrunePage(JsonSerializer.SerializeToNode(page.Value, options)!.AsObject(), fields), options),
            _ => result,
        };
    }

    private static JsonObject PrunePage(JsonObject page, HashSet<string> fields)
    {
        foreach (var item in page["items"]!.AsArray()) Prune(item!.AsObject(), fields);
        return page;
    }

    private static JsonObject Prune(JsonObject article, HashSet<string> fields)
    {
        foreach (var name in article.Select(p => p.Key).Where(k => !fields.Contains(k)).ToList()) article.Remove(name);
        return article;
    }
}
