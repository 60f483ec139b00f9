using Amazon.SQS;

namespace ThumbApi.Notifications.Sqs;

public static class SqsClientConfig
{
    /// <summary>The queue's own host is SQS's endpoint for it, on AWS and on a test's loopback stand-in alike.</summary>
    /// <param name="region">Lambda's <c>AWS_REGION</c>, which signs the requests; without it, the SDK's own guess.</param>
    public static AmazonSQSConfig For(Uri queueUrl, string? region)
    {
        var config = new AmazonSQSConfig { ServiceURL = queueUrl.GetLeftPart(UriPartial.Authority) + "/" };
        if (!string.IsNullOrEmpty(region)) config.AuthenticationRegion = region;
        return config;
    }
}
