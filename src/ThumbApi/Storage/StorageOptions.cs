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
    /// Outside Lambda, whether every original still without thumbnails or a failure record is processed at start:
    /// events delivered in process live in memory, so a crash (or, with a local S3-compatible server, an event sent
    /// while the API was down) would otherwise leave them pending for ever. Turn it off for a bucket too large to
    /// walk at every start; the periodic reconciliation still covers it.
    /// </summary>
    public bool BackfillOnStart { get; set; } = true;

    /// <summary>
    /// Outside Lambda, how often one page of at most 1,000 originals (older than a minute, resuming where the last
    /// page ended) is checked for missing thumbnails, so that nothing stays pending for ever; zero turns it off.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

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
        if (ReconcileInterval < TimeSpan.Zero)
            yield return new($"Storage:ReconcileInterval must not be negative (got {ReconcileInterval}).", [nameof(ReconcileInterval)]);
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
