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
        // Only the length is kept: the body a HEAD discards is never held in memory a second time.
        await using var counter = new CountingStream();
        context.Response.Body = counter;
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
            context.Response.ContentLength = counter.Length;
    }
}

/// <summary>A write-only stream that keeps nothing but the number of bytes written to it.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _length += count;
    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        _length += count;
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _length += buffer.Length;
        return ValueTask.CompletedTask;
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
