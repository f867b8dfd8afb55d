using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using NewsApi.Data;

namespace NewsApi.Http;

/// <summary>A write that did not get SQLite's one write lock within NewsApi:WriteLockTimeout is a 503 with
/// Retry-After, not a 500: nothing was written (the transaction never began, or rolled back), and the same
/// request is likely to succeed once the writer holding the lock is done.</summary>
internal sealed partial class DatabaseBusyExceptionHandler(IProblemDetailsService problems, Db db, ILogger<DatabaseBusyExceptionHandler> logger) : IExceptionHandler
{
    public const string Detail = "The database is busy with other writes; retry in a moment.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken ct)
    {
        if (!Db.IsLockWait(exception)) return false;
        // A handled exception is not logged by the middleware; a steady stream of these means a writer holds the lock too long.
        LogBusy(logger, httpContext.Request.Method, httpContext.Request.Path, db.WriteLockTimeout, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(db.WriteLockTimeout);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Detail = Detail },
        });
    }

    /// <summary>About as long as the request already waited, in whole seconds (at least 1).</summary>
    internal static string RetryAfterSeconds(TimeSpan lockTimeout) =>
        Math.Max(1, (int)Math.Ceiling(lockTimeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path}: the database write lock stayed busy for {Timeout}; answered 503")]
    private static partial void LogBusy(ILogger logger, string method, string path, TimeSpan timeout, Exception exception);
}
