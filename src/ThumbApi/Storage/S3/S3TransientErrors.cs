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
