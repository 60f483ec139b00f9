using Microsoft.AspNetCore.Diagnostics;

namespace ThumbApi.Storage;

/// <summary>
/// Turns a store that cannot answer for now (S3 throttling or a server error, after the SDK's own retries) into a
/// <c>503</c> problem with <c>Retry-After</c>, instead of a bare <c>500</c> that reads like a bug.
/// </summary>
public sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<StorageUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException unavailable) return false;
        LogUnavailable(exception, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = unavailable.PublicReason ?? $"The image store could not answer for now; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The store could not answer {Path}; answered 503")]
    private partial void LogUnavailable(Exception exception, string path);
}
