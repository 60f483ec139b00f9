namespace ThumbApi.Security;

/// <summary>Requires one of the <see cref="ApiKeys"/> in <c>X-Api-Key</c> when any is configured.</summary>
public sealed partial class ApiKeyFilter(ApiKeys keys, ILogger<ApiKeyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (!keys.Required) return await next(context);

        var http = context.HttpContext;
        bool accepted;
        try
        {
            accepted = await keys.AcceptsAsync(http.Request.Headers[HeaderName].ToString(), http.RequestAborted);
        }
        catch (ApiKeysUnavailableException e)
        {
            // Closed, and honest about why: a valid key must not be told it is wrong.
            LogKeysUnavailable(e);
            http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(title: "API keys unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: $"The API keys could not be read; try again in {RetryAfterSeconds} seconds.");
        }
        if (accepted) return await next(context);

        http.Response.Headers.WWWAuthenticate = HeaderName;
        return TypedResults.Problem(title: "API key required", statusCode: StatusCodes.Status401Unauthorized,
            detail: $"Send a valid key in the {HeaderName} header.");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No API key can be checked: the key parameter could not be read; answered 503")]
    private partial void LogKeysUnavailable(Exception exception);
}
