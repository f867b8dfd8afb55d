namespace NewsApi.Http;

/// <summary>HEAD is GET without the body (RFC 9110 §9.3.2). Runs before routing, so HEAD routes to the GET
/// endpoints (the routes are declared for GET only), and answers with the same headers, Content-Length
/// included, but no body.</summary>
public sealed class HeadAsGetMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsHead(request.Method))
        {
            await next(context);
            return;
        }
        request.Method = HttpMethods.Get;
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            request.Method = HttpMethods.Head;
        }
        if (context.Response.StatusCode != StatusCodes.Status304NotModified)
            context.Response.ContentLength = buffer.Length;
    }
}
