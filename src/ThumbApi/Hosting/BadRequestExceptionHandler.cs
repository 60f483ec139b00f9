using Microsoft.AspNetCore.Diagnostics;

namespace ThumbApi.Hosting;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a string where a number belongs) into a
/// <c>400</c> problem that says what was wrong, instead of an empty <c>400</c>.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest) return false;
        context.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = badRequest.StatusCode,
                Title = "The request could not be read",
                Detail = badRequest.InnerException is { } inner ? $"{badRequest.Message} {inner.Message}" : badRequest.Message,
            },
        });
    }
}
