using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace NewsApi.Http;

public static class ProblemHandling
{
    public static IHostApplicationBuilder AddProblemHandling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.Id ?? c.HttpContext.TraceIdentifier);
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (c.ProblemDetails.Type is null or "about:blank") c.ProblemDetails.Type = TypeFor(status);
            c.ProblemDetails.Detail ??= DefaultDetail(status, c.HttpContext.Request);
        });
        builder.Services.AddExceptionHandler<ClientErrorExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseBusyExceptionHandler>();
        // Binding failures (limit=abc, a non-numeric id, malformed JSON) throw, so the handler
        // below can answer them as problem+json with a useful detail instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    // The framework fills in RFC 9110 links for the common statuses only; these complete the set we answer.
    private static string TypeFor(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        410 => "https://tools.ietf.org/html/rfc9110#section-15.5.11",
        412 => "https://tools.ietf.org/html/rfc9110#section-15.5.13",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        428 => "https://www.rfc-editor.org/rfc/rfc6585#section-3",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
    };

    private static string DefaultDetail(int status, HttpRequest request) => status switch
    {
        400 => "One or more fields are invalid; see errors.",
        401 => "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key'.",
        404 => $"Nothing is at {request.Path}.",
        405 => $"{request.Path} does not accept {request.Method}.",
        413 => TooLarge(request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize),
        415 => "Send the body as application/json (application/merge-patch+json for PATCH).",
        503 => "The service is busy; retry after the seconds in Retry-After.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };

    // The limit this request ran into (Limits:MaxRequestBodyBytes, or an endpoint's own), not a fixed figure.
    private static string TooLarge(long? limit) => limit switch
    {
        null => "The request body is larger than this API accepts.",
        >= 1024 * 1024 when limit % (1024 * 1024) == 0 => $"The request body is larger than the {limit / (1024 * 1024)} MB this API accepts.",
        >= 1024 when limit % 1024 == 0 => $"The request body is larger than the {limit / 1024} KB this API accepts.",
        _ => $"The request body is larger than the {limit} bytes this API accepts.",
    };

    public static WebApplication UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}

/// <summary>Client mistakes that surface as exceptions become 4xx problems, naming the field in
/// <c>errors</c> where there is one, in words a client understands (no CLR type names); everything else
/// stays a 500.</summary>
internal sealed partial class ClientErrorExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken ct)
    {
        var problem = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } bad => FromJson(json, bad.StatusCode),
            BadHttpRequestException bad => FromBinding(bad),
            JsonException json => FromJson(json, StatusCodes.Status400BadRequest),
            _ => null,
        };
        if (problem is null) return false;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>A body that is not JSON, or JSON with a member of the wrong type or one a client may not set.</summary>
    internal static ProblemDetails FromJson(JsonException json, int status)
    {
        var field = json.Path?.TrimStart('$').TrimStart('.') ?? "";
        if (json.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
            return Invalid(status, "The body has a member this endpoint does not accept.", field, "Unknown member: it cannot be set by a client.");
        // AllowDuplicateProperties = false (HttpSetup); the message would name a .NET type, so only the member is echoed.
        if (DuplicateMember().Match(json.Message) is { Success: true } duplicate)
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(duplicate.Groups["name"].Value);
            var member = field.Length == 0 || field == name || field.EndsWith("." + name, StringComparison.Ordinal) ? (field.Length == 0 ? name : field) : field + "." + name;
            return Invalid(status, "The body names a member more than once.", member, "This member appears more than once; send it once.");
        }
        if (json.Message.StartsWith(CleanStringConverter.Refusal, StringComparison.Ordinal))
            return Invalid(status, "A member of the body holds a control character.", field, json.Message.Split(" Path:")[0]);
        if (json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return field.Length > 0
                ? Invalid(status, "A member of the body has the wrong type or format.", field, "This value has the wrong type or format (or is out of range).")
                : new ProblemDetails { Status = status, Detail = "The body must be a JSON object." };
        // Syntax errors: System.Text.Json's message names the line and byte, and no .NET types.
        return new ProblemDetails { Status = status, Detail = "The request body is not valid JSON: " + json.Message };
    }

    private static ProblemDetails FromBinding(BadHttpRequestException bad)
    {
        if (BindFailure().Match(bad.Message) is { Success: true } m)
        {
            var name = m.Groups["name"].Value;
            var field = char.ToLowerInvariant(name[0]) + name[1..];
            var what = m.Groups["type"].Value switch
            {
                var t when t.Contains("DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 date-time such as 2025-08-13T09:30:00Z",
                var t when t.Contains("int", StringComparison.OrdinalIgnoreCase) || t.Contains("long", StringComparison.OrdinalIgnoreCase) => "a whole number in range",
                _ => "a valid value",
            };
            return Invalid(bad.StatusCode, $"Failed to bind '{field}': '{m.Groups["value"].Value}' is not {what}.", field, $"'{m.Groups["value"].Value}' is not {what}.");
        }
        if (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || bad.Message.StartsWith("Required parameter", StringComparison.Ordinal) && bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase))
            return new ProblemDetails { Status = bad.StatusCode, Detail = "This request needs a JSON body." };
        // Other binding failures: the framework's message names .NET types, so it is not echoed.
        return new ProblemDetails { Status = bad.StatusCode, Detail = "A value in the request could not be read." };
    }

    private static HttpValidationProblemDetails Invalid(int status, string detail, string field, string message) =>
        new(new Dictionary<string, string[]> { [field.Length > 0 ? field : "body"] = [message] }) { Status = status, Detail = detail };

    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+) (?<name>\w+)" from "(?<value>.*)"\.$""")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();

    [System.Text.RegularExpressions.GeneratedRegex("^Duplicate property '(?<name>[^']*)' encountered")]
    private static partial System.Text.RegularExpressions.Regex DuplicateMember();
}
