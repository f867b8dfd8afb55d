using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Http;

/// <summary>A problem+json answer written through <see cref="IProblemDetailsService"/> (so it gets
/// type, title and traceId like every other error) that also declares itself in the OpenAPI document.</summary>
public abstract class ProblemResult(int status, string? detail, string? title = null, IDictionary<string, object?>? extensions = null) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => status;

    public string? Detail => detail;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Detail = detail, Title = title };
        if (extensions is not null)
            foreach (var (k, v) in extensions) problem.Extensions[k] = v;
        var service = httpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem }))
            await httpContext.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    protected static void Declare(EndpointBuilder builder, int status) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
}

public sealed class NotFoundProblem(string detail) : ProblemResult(StatusCodes.Status404NotFound, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

public sealed class ConflictProblem(string detail, IDictionary<string, object?>? extensions = null)
    : ProblemResult(StatusCodes.Status409Conflict, detail, extensions: extensions), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

public sealed class ForbiddenProblem(string detail) : ProblemResult(StatusCodes.Status403Forbidden, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}

/// <summary>301 to a resource's current address (a retired slug), declared in the contract.</summary>
public sealed class MovedPermanently(string location) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int? StatusCode => StatusCodes.Status301MovedPermanently;

    public string Location => location;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status301MovedPermanently;
        httpContext.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status301MovedPermanently, typeof(void)));
}

public sealed class UnsupportedMediaTypeProblem(string detail) : ProblemResult(StatusCodes.Status415UnsupportedMediaType, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>A write to an existing resource without If-Match (428) or with a stale one (412).</summary>
public sealed class PreconditionProblem(int status, string detail) : ProblemResult(status, detail), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        Declare(builder, StatusCodes.Status412PreconditionFailed);
        Declare(builder, StatusCodes.Status428PreconditionRequired);
    }
}

/// <summary>The ways a write to an existing article can be refused: 403 (not yours), 404, 409 (slug
/// taken, or not allowed in its status), 412 (stale If-Match), 428 (no If-Match).</summary>
public sealed class ArticleWriteProblem(int status, string detail, IDictionary<string, object?>? extensions = null)
    : ProblemResult(status, detail, extensions: extensions), IEndpointMetadataProvider
{
    public static ArticleWriteProblem NotFound(long id) => new(StatusCodes.Status404NotFound, $"No article has id {id}.");

    public static ArticleWriteProblem Forbidden(string detail) => new(StatusCodes.Status403Forbidden, detail);

    public static ArticleWriteProblem Conflict(string detail, IDictionary<string, object?>? extensions = null) => new(StatusCodes.Status409Conflict, detail, extensions);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        foreach (var status in new[] { 403, 404, 409, 412, 428 }) Declare(builder, status);
    }
}
