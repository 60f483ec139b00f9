namespace ThumbApi.Storage;

/// <summary>Hands out short-lived URLs so that image bytes go straight between the client and the store.</summary>
public interface IStoragePresigner
{
    /// <summary>A browser POST upload (S3's protocol) whose signed policy pins every condition.</summary>
    Task<PresignedUpload> PresignUploadAsync(UploadConditions conditions, CancellationToken cancellationToken);

    /// <summary>A GET URL for one object that stops working at <paramref name="expiresAt"/>.</summary>
    Task<Uri> PresignDownloadAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}

/// <param name="Key">The exact object key the upload may write.</param>
/// <param name="ContentType">The exact <c>Content-Type</c> the form must carry.</param>
/// <param name="MaxBytes">The largest file accepted; the smallest is one byte.</param>
public sealed record UploadConditions(string Key, string ContentType, long MaxBytes, DateTimeOffset ExpiresAt);

/// <param name="Url">Where to send the form; relative URLs are on the API's own origin.</param>
/// <param name="Fields">Form fields to send, in order, before the file.</param>
public sealed record PresignedUpload(Uri Url, IReadOnlyDictionary<string, string> Fields);
