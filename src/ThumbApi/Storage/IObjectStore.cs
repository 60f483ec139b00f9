namespace ThumbApi.Storage;

/// <summary>The bucket as the service sees it: keys under <c>images/</c> and <c>thumbnails/</c>.</summary>
public interface IObjectStore
{
    /// <summary>Metadata of an object, or <c>null</c> when there is none.</summary>
    Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken);

    /// <summary>Reads a whole object and its ETag, refusing (before reading it) one larger than <paramref name="maxBytes"/>.</summary>
    /// <exception cref="StoredObjectNotFoundException">The object does not exist (any more).</exception>
    /// <exception cref="StoredObjectTooLargeException">The object is larger than <paramref name="maxBytes"/>.</exception>
    Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Writes an object atomically: readers see the old object or the whole new one.</summary>
    /// <param name="kind">What the object is for; a store may set caching or lifecycle tags from it.</param>
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken);

    /// <summary>Removes an object; removing one that does not exist succeeds, as on S3.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="maxKeys"/> objects under <paramref name="prefix"/> after <paramref name="startAfter"/>, in key order.</summary>
    Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken);
}

/// <summary>What the thumbnail handler writes.</summary>
public enum ObjectKind { Thumbnail, FailureRecord }

/// <param name="NextStartAfter">Where the next page starts, or <c>null</c> when this was the last.</param>
public sealed record ObjectPage(IReadOnlyList<StoredObject> Objects, string? NextStartAfter);

public sealed record StoredObject(string Key, long Size, DateTimeOffset LastModified, string? ETag)
{
    /// <summary>Whether two ETags are both known and name different versions; S3 quotes them in headers but not in events.</summary>
    public static bool AreDifferentVersions(string? a, string? b) => a is not null && b is not null && a.Trim('"') != b.Trim('"');
}

/// <param name="ETag">The version that was read, to tell it from a newer upload under the same key.</param>
public sealed record ObjectContent(byte[] Bytes, string? ETag);

public sealed class StoredObjectNotFoundException(string key)
    : Exception($"The object '{key}' does not exist.")
{
    public string Key { get; } = key;
}

public sealed class StoredObjectTooLargeException(string key, long size, long maxBytes)
    : Exception($"The object '{key}' has {size} bytes, more than the limit of {maxBytes}.")
{
    public long Size { get; } = size;
    public long MaxBytes { get; } = maxBytes;
}

/// <summary>
/// The store cannot answer for now (throttled, a server error, unreachable, or it refuses the service's
/// credentials); the same call may succeed later, or once the configuration is fixed.
/// </summary>
/// <param name="publicReason">What a client may be told (a <c>503</c> problem's detail); the message is for the logs.</param>
public sealed class StorageUnavailableException(string message, Exception innerException, string? publicReason = null)
    : Exception(message, innerException)
{
    public string? PublicReason { get; } = publicReason;
}
