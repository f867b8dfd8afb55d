namespace NewsApi.Http;

/// <summary>Headers every answer carries, errors included (set as the answer starts, after an exception handler
/// may have cleared the others): <c>nosniff</c>, so a browser never runs a JSON answer as something else, and a
/// Content-Security-Policy — none at all for API answers (they are data, never a page), and for the Swagger UI
/// only its own scripts and styles (its inline style attributes and data: icons included).</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string SwaggerUiPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/swagger") ? SwaggerUiPolicy : ApiPolicy;
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
