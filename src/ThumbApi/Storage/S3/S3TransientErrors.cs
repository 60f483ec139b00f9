using System.Net;
using Amazon.Runtime;

namespace ThumbApi.Storage.S3;

/// <summary>
/// Which S3 failures are worth trying again later. The SDK has already retried these (standard retry mode) by
/// the time they reach the store, so they are surfaced as <see cref="StorageUnavailableException"/>: a 503 from
/// the API, a failed invocation (and so Lambda's retry) from the thumbnail handler.
/// </summary>
public static class S3TransientErrors
{
    private static readonly HashSet<string> ThrottlingCodes =
        new(["SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "RequestTimeout", "ServiceUnavailable"], StringComparer.Ordinal);

    private static readonly HashSet<string> CredentialCodes =
        new(["InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired"], StringComparer.Ordinal);

    /// <summary>
    /// Whether the service's credentials are the problem: none could be resolved (the SDK's client-side error), or
    /// S3 refuses the ones it has. Not transient, but a configuration the operator fixes without touching a request.
    /// </summary>
    public static bool IsCredentialProblem(Exception exception) => exception switch
    {
        AmazonServiceException service => service.ErrorCode is { } code && CredentialCodes.Contains(code),
        AmazonClientException client => client.Message.Contains("credentials", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    public static bool IsTransient(Exception exception) => exception switch
    {
        AmazonServiceException service => (int)service.StatusCode >= 500
            || service.StatusCode == HttpStatusCode.TooManyRequests
            || (service.ErrorCode is { } code && ThrottlingCodes.Contains(code)),
        // Connection failures and timeouts, the SDK's own retries exhausted.
        HttpRequestException or IOException or TimeoutException => true,
        AmazonClientException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
