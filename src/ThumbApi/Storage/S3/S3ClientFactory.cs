using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace ThumbApi.Storage.S3;

/// <summary>
/// The S3 client configuration for <see cref="StorageOptions"/>: AWS itself (region from the options or the
/// environment, credentials from the SDK's default chain), or an S3-compatible server when a service URL is set.
/// </summary>
public static class S3ClientFactory
{
    /// <summary>S3-compatible servers sign against a region too; this is the one they nearly all accept.</summary>
    private const string DefaultAuthenticationRegion = "us-east-1";

    public static IAmazonS3 Create(StorageOptions options) => new AmazonS3Client(CreateConfig(options));

    public static AmazonS3Config CreateConfig(StorageOptions options)
    {
        var config = new AmazonS3Config();
        if (string.IsNullOrEmpty(options.ServiceUrl))
        {
            if (!string.IsNullOrEmpty(options.Region)) config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
            return config;
        }

        config.ServiceURL = options.ServiceUrl;
        // Bucket subdomains of an arbitrary host (127.0.0.1, a container name) do not resolve.
        config.ForcePathStyle = true;
        config.AuthenticationRegion = string.IsNullOrEmpty(options.Region) ? DefaultAuthenticationRegion : options.Region;
        if (!IsAwsEndpoint(new Uri(options.ServiceUrl)))
        {
            // The SDK's default CRC32 checksums on every request and response are S3's own extension; other servers
            // reject or ignore them, so send and check them only where an operation demands it.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        return config;
    }

    /// <summary>The protocol presigned URLs must use: the service URL's, HTTPS for AWS.</summary>
    public static Protocol ProtocolOf(StorageOptions options) =>
        !string.IsNullOrEmpty(options.ServiceUrl) && new Uri(options.ServiceUrl).Scheme == Uri.UriSchemeHttp ? Protocol.HTTP : Protocol.HTTPS;

    private static bool IsAwsEndpoint(Uri url) =>
        url.Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase)
        || url.Host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
}
