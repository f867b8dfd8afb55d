using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NewsApi.Http;

/// <summary>The limits on what a request may be (README, "Limits"), bound from the <c>Limits</c> section.</summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "Limits";

    /// <summary>Largest request body (an import has its own, Imports:MaxBytes).</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Kestrel's request line (method, path, query) and all headers together.</summary>
    public int MaxRequestLineBytes { get; set; } = 8 * 1024;

    public int MaxRequestHeadersBytes { get; set; } = 32 * 1024;

    /// <summary>Characters of the query string, checked by the service itself (also behind a proxy or another server).</summary>
    public int MaxQueryLength { get; set; } = 8 * 1024;

    /// <summary>Deepest nesting of a JSON body; deeper is a 400 before anything is built from it.</summary>
    public int MaxJsonDepth { get; set; } = 64;
}

public static class RequestLimits
{
    public static IHostApplicationBuilder AddRequestLimits(this IHostApplicationBuilder builder, Microsoft.AspNetCore.Hosting.IWebHostBuilder webHost)
    {
        var limits = builder.Configuration.GetSection(RequestLimitsOptions.Section).Get<RequestLimitsOptions>() ?? new RequestLimitsOptions();
        builder.Services.AddOptions<RequestLimitsOptions>().Bind(builder.Configuration.GetSection(RequestLimitsOptions.Section));
        webHost.ConfigureKestrel(o =>
        {
            o.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            o.Limits.MaxRequestLineSize = limits.MaxRequestLineBytes;
            o.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersBytes;
        });
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.MaxDepth = limits.MaxJsonDepth;
            o.SerializerOptions.Converters.Add(new CleanStringConverter());
        });
        return builder;
    }
}

/// <summary>Refuses a query string that is too long, is not UTF-8 once percent-decoded, or holds control
/// characters (NUL, CR, LF…): no parameter of this API takes them, and a value that decodes to U+FFFD or carries a
/// line break only ever reaches a lookup, a log line or a Location header by mistake. Answers 400 problem+json
/// naming the parameter, before routing.</summary>
public sealed class QueryTextMiddleware(RequestDelegate next, Microsoft.Extensions.Options.IOptions<RequestLimitsOptions> options)
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public async Task InvokeAsync(HttpContext context)
    {
        var query = context.Request.QueryString.Value;
        if (string.IsNullOrEmpty(query) || Problem(query, options.Value.MaxQueryLength) is not { } error)
        {
            await next(context);
            return;
        }
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [error.Field] = [error.Message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Detail = error.Message,
        };
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private static (string Field, string Message)? Problem(string query, int maxLength)
    {
        if (query.Length > maxLength) return ("query", $"The query string is longer than the {maxLength} characters this API accepts.");
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var rawName = equals < 0 ? pair : pair[..equals];
            if (!TryDecode(rawName, out var name)) return ("query", "A parameter name is not valid UTF-8 once percent-decoded.");
            if (!TryDecode(equals < 0 ? "" : pair[(equals + 1)..], out var value))
                return (name, $"'{name}' is not valid UTF-8 once percent-decoded.");
            if (!CleanStringConverter.IsClean(value, allowLineBreaks: false) || !CleanStringConverter.IsClean(name, allowLineBreaks: false))
                return (name, $"'{name}' must not contain control characters.");
        }
        return null;
    }

    private static bool TryDecode(string raw, out string text)
    {
        try
        {
            text = Strict.GetString(WebUtility.UrlDecodeToBytes(Encoding.ASCII.GetBytes(raw), 0, raw.Length));
            return raw.All(c => c < 128);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }
}

/// <summary>Text in a JSON body may not hold NUL or other control characters (tab, CR and LF aside): they have no
/// place in a headline or a name and break feeds (XML 1.0 cannot carry them). Refused as a wrong value for the
/// member, which the problem names.</summary>
public sealed class CleanStringConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    /// <summary>How the refusal starts, so the problem handler can name the character rather than a wrong type.</summary>
    public const string Refusal = "Text may not contain the control character ";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || IsClean(text, allowLineBreaks: true)) return text;
        var bad = text.First(c => c is not ('\t' or '\n' or '\r') && char.IsControl(c));
        throw new JsonException($"{Refusal}U+{(int)bad:X4}.");
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public static bool IsClean(string text, bool allowLineBreaks)
    {
        foreach (var c in text)
        {
            if (c is '\t' || allowLineBreaks && c is '\n' or '\r') continue;
            if (char.IsControl(c)) return false;
        }
        return true;
    }
}
