using System.ComponentModel.DataAnnotations;

namespace ThumbApi.Storage;

public enum StorageProvider { Local, S3 }

public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>Local</c>: files on disk and events in process (the default); <c>S3</c>: a bucket.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    /// <summary>Directory of the embedded store, relative to the working directory unless absolute.</summary>
    public string LocalRoot { get; set; } = "data";

    /// <summary>Base64 HMAC key for the embedded store's signed URLs; a random one is generated at start when empty.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Whether the embedded store processes, at start, every original still without thumbnails or a failure
    /// record (its events live in memory, so a crash would otherwise lose them).
    /// </summary>
    public bool BackfillOnStart { get; set; } = true;

    public string? Bucket { get; set; }

    /// <summary>An S3-compatible endpoint; empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }

    public string? Region { get; set; }

    /// <summary>How long an upload form or a download URL the store signs stays valid.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.Local && string.IsNullOrWhiteSpace(LocalRoot))
            yield return new("Storage:LocalRoot is required when Storage:Provider is Local.", [nameof(LocalRoot)]);
        if (Provider == StorageProvider.S3 && string.IsNullOrWhiteSpace(Bucket))
            yield return new("Storage:Bucket is required when Storage:Provider is S3.", [nameof(Bucket)]);
        if (!string.IsNullOrEmpty(ServiceUrl) && !Uri.TryCreate(ServiceUrl, UriKind.Absolute, out _))
            yield return new($"Storage:ServiceUrl '{ServiceUrl}' is not an absolute URL.", [nameof(ServiceUrl)]);
        if (UrlLifetime < TimeSpan.FromSeconds(10) || UrlLifetime > TimeSpan.FromHours(1))
            yield return new($"Storage:UrlLifetime must be between 10 seconds and 1 hour (got {UrlLifetime}).", [nameof(UrlLifetime)]);
        if (!string.IsNullOrEmpty(SigningKey) && !IsBase64Key(SigningKey))
            yield return new("Storage:SigningKey must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
    }

    private static bool IsBase64Key(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written >= 32;
    }
}
