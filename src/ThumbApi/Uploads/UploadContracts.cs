namespace ThumbApi.Uploads;

/// <param name="FileName">The client's file name; informational only, it never becomes part of a key.</param>
/// <param name="ContentType">One of <c>Uploads:AllowedContentTypes</c>.</param>
/// <param name="ContentLength">The size the client intends to send; checked early when given.</param>
public sealed record CreateUploadRequest(string? FileName, string? ContentType, long? ContentLength);

/// <param name="DeleteToken">Allows deleting this image: <c>DELETE {Status}</c> with <c>Authorization: Bearer {DeleteToken}</c>. Keep it like a password.</param>
public sealed record CreateUploadResponse(string Name, UploadForm Upload, string Status, string Thumbnail, string DeleteToken);

/// <summary>An S3 browser POST: send <see cref="Fields"/> first, then the file as <see cref="FileField"/>, to <see cref="Url"/>.</summary>
public sealed record UploadForm(
    string Method,
    Uri Url,
    IReadOnlyDictionary<string, string> Fields,
    string FileField,
    long MaxBytes,
    DateTime ExpiresAt);
