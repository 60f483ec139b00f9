using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.S3;

/// <summary>
/// Signs browser uploads and thumbnail downloads with the service's own credentials; S3 then enforces them, so
/// the policy signed here is the whole of the upload's security. Signing is local: no request reaches S3.
/// </summary>
public sealed class S3Presigner(IAmazonS3 s3, IOptions<StorageOptions> options) : IStoragePresigner
{
    private readonly string _bucket = options.Value.Bucket!;
    private readonly Protocol _protocol = S3ClientFactory.ProtocolOf(options.Value);

    public async Task<PresignedUpload> PresignUploadAsync(UploadConditions conditions, CancellationToken cancellationToken)
    {
        // The SDK adds the bucket, the exact key and the x-amz-* signing fields to the policy and the form itself.
        var request = new CreatePresignedPostRequest
        {
            BucketName = _bucket,
            Key = conditions.Key,
            Expires = conditions.ExpiresAt.UtcDateTime,
            Fields = new Dictionary<string, string> { ["Content-Type"] = conditions.ContentType },
            Conditions =
            [
                S3PostCondition.ExactMatch("Content-Type", conditions.ContentType),
                S3PostCondition.ContentLengthRange(1, conditions.MaxBytes),
            ],
        };
        var response = await SignAsync(() => s3.CreatePresignedPostAsync(request));
        return new PresignedUpload(new Uri(response.Url), response.Fields);
    }

    public async Task<Uri> PresignDownloadAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var url = await SignAsync(() => s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = _bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = expiresAt.UtcDateTime,
            Protocol = _protocol,
        }));
        return new Uri(url);
    }

    /// <summary>Signing needs credentials; without any, the API answers 503 saying so instead of a bare 500.</summary>
    private static async Task<T> SignAsync<T>(Func<Task<T>> sign)
    {
        try
        {
            return await sign();
        }
        catch (Exception e) when (S3TransientErrors.IsCredentialProblem(e))
        {
            throw new StorageUnavailableException($"No credentials to sign with: {e.Message}", e,
                "The service cannot authenticate to the image store; its operator has been told.");
        }
    }
}
