namespace ThumbApi.Storage.Local;

/// <summary>Signs uploads and downloads served by the embedded store's own endpoints, on the API's origin.</summary>
public sealed class LocalPresigner(LocalUrlSigner signer) : IStoragePresigner
{
    public const string UploadPath = "/storage/upload";
    public const string ObjectsPath = "/storage/objects";

    public Task<PresignedUpload> PresignUploadAsync(UploadConditions conditions, CancellationToken cancellationToken)
    {
        var policy = PostPolicy.ForUpload(conditions).ToBase64();
        var fields = new Dictionary<string, string>
        {
            ["key"] = conditions.Key,
            ["Content-Type"] = conditions.ContentType,
            ["policy"] = policy,
            ["x-amz-signature"] = signer.Sign(policy),
        };
        return Task.FromResult(new PresignedUpload(new Uri(UploadPath, UriKind.Relative), fields));
    }

    public Task<Uri> PresignDownloadAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        var path = $"{ObjectsPath}/{EscapeKey(key)}?expires={expires}&signature={signer.Sign(DownloadStringToSign(key, expires))}";
        return Task.FromResult(new Uri(path, UriKind.Relative));
    }

    public static string DownloadStringToSign(string key, long expires) => $"GET\n{key}\n{expires}";

    private static string EscapeKey(string key) => string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
}
