using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.S3;

/// <summary>
/// The bucket through S3's object API: HEAD for metadata (lookups never list), GET for originals, PUT for what the
/// thumbnail handler writes. Behaves like the embedded store through <see cref="IObjectStore"/>.
/// </summary>
/// <remarks>
/// A HEAD of a missing key answers 404 only to a caller allowed to list the bucket; without <c>s3:ListBucket</c>
/// S3 answers 403, indistinguishable from a real denial. A 403 is therefore never read as "missing" nor as
/// "exists": it is logged as the misconfiguration it is and surfaced as storage unavailable (a 503 from the API).
/// The Terraform grants <c>s3:ListBucket</c> scoped to the service's prefixes, so a missing key is a 404.
/// </remarks>
public sealed partial class S3ObjectStore(IAmazonS3 s3, IOptions<StorageOptions> options, ILogger<S3ObjectStore> logger) : IObjectStore
{
    /// <summary>The tag S3 lifecycle rules select failure records by (the Terraform's optional expiry rule).</summary>
    public const string KindTagKey = "thumbapi-kind";
    public const string FailureTagValue = "failure";

    /// <summary>
    /// Re-processing overwrites a thumbnail under the same key, so it is not immutable; a day bounds how long a
    /// browser may show a replaced one. Private: the bucket is private, and a shared cache keyed by a presigned URL
    /// would go on serving it after the URL expired.
    /// </summary>
    public const string ThumbnailCacheControl = "private, max-age=86400";

    private readonly string _bucket = options.Value.Bucket!;

    public async Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var head = await SendAsync(key, ct => s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = _bucket, Key = key }, ct), cancellationToken);
            return new StoredObject(key, head.ContentLength, head.LastModified ?? DateTime.UnixEpoch, head.ETag);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        GetObjectResponse response;
        try
        {
            response = await SendAsync(key, ct => s3.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = key }, ct), cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new StoredObjectNotFoundException(key);
        }

        return await SendAsync(key, async ct =>
        {
            try
            {
                // Disposing the response unread closes the connection instead of downloading an oversized body.
                using (response)
                {
                    if (response.ContentLength > maxBytes) throw new StoredObjectTooLargeException(key, response.ContentLength, maxBytes);
                    var content = new byte[response.ContentLength];
                    await response.ResponseStream.ReadExactlyAsync(content, ct);
                    return new ObjectContent(content, response.ETag);
                }
            }
            catch (AmazonClientException e)
            {
                // Closing a fully read body checks it against its checksum (or MD5 ETag): a broken transfer, worth a retry.
                throw new StorageUnavailableException($"The download of '{key}' did not match its checksum: {e.Message}", e);
            }
        }, cancellationToken);
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken)
    {
        var body = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = body, ContentType = contentType };
        switch (kind)
        {
            case ObjectKind.Thumbnail:
                request.Headers.CacheControl = ThumbnailCacheControl;
                break;
            case ObjectKind.FailureRecord:
                // Tagged in the same PUT (x-amz-tagging), so no failure record ever exists untagged.
                request.TagSet = [new Tag { Key = KindTagKey, Value = FailureTagValue }];
                break;
        }
        await SendAsync(key, ct => s3.PutObjectAsync(request, ct), cancellationToken);
    }

    /// <remarks>S3 answers 204 for a key that does not exist; in a versioned bucket the removal is a delete marker.</remarks>
    public Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        SendAsync(key, ct => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = key }, ct), cancellationToken);

    /// <remarks>Only the backfill lists; lookups never do. <c>s3:ListBucket</c> is granted on the service's prefixes.</remarks>
    public async Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, StartAfter = startAfter, MaxKeys = maxKeys };
        var response = await SendAsync(prefix, ct => s3.ListObjectsV2Async(request, ct), cancellationToken);
        var objects = (response.S3Objects ?? [])
            .Select(o => new StoredObject(o.Key, o.Size ?? 0, o.LastModified ?? DateTime.UnixEpoch, o.ETag))
            .ToList();
        return new ObjectPage(objects, response.IsTruncated == true && objects.Count > 0 ? objects[^1].Key : null);
    }

    /// <summary>
    /// Runs one S3 call: a transient failure, a denial or credentials S3 will not take become
    /// <see cref="StorageUnavailableException"/> (a <c>503</c> from the API, a retried invocation on Lambda), each
    /// logged for what it usually is; a 404 is the caller's to interpret.
    /// </summary>
    private async Task<T> SendAsync<T>(string key, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call(cancellationToken);
        }
        catch (Exception e) when (S3TransientErrors.IsCredentialProblem(e))
        {
            LogCredentialsRefused(e, _bucket, key);
            throw new StorageUnavailableException($"S3 did not accept the service's credentials for '{key}': {e.Message}", e,
                "The service cannot authenticate to the image store; its operator has been told.");
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            LogAccessDenied(e, _bucket, key);
            throw new StorageUnavailableException($"S3 denied access to '{key}': {e.Message}", e,
                "The image store denied the service access; its operator has been told.");
        }
        catch (Exception e) when (S3TransientErrors.IsTransient(e))
        {
            throw new StorageUnavailableException($"S3 could not serve '{key}' for now: {e.Message}", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "S3 did not accept the service's credentials for {Key} in bucket {Bucket}: none could be resolved, or the key or its signature is wrong or expired")]
    private partial void LogCredentialsRefused(Exception exception, string bucket, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "S3 denied access to {Key} in bucket {Bucket}; the role needs s3:GetObject, s3:PutObject, s3:PutObjectTagging, and s3:ListBucket on the prefix so that a missing key is a 404")]
    private partial void LogAccessDenied(Exception exception, string bucket, string key);
}
