using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.Local;

/// <summary>The embedded store: one file per object under <c>Storage:LocalRoot</c>, laid out like the bucket.</summary>
public sealed class LocalObjectStore(IOptions<StorageOptions> options, IEnumerable<IStoreEvents> listeners) : IObjectStore
{
    private const string StagingFolder = ".staging";

    public string Root { get; } = Path.GetFullPath(options.Value.LocalRoot);

    public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken)
    {
        return Task.FromResult(Describe(key, new FileInfo(PathOf(key))));
    }

    public async Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, useAsync: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StoredObjectNotFoundException(key);
        }
        await using (stream)
        {
            if (stream.Length > maxBytes) throw new StoredObjectTooLargeException(key, stream.Length, maxBytes);
            // Read the version from the open file: a rename that replaces it cannot change what this handle reads.
            var version = ETagOf(new FileInfo(stream.Name));
            var content = new byte[stream.Length];
            await stream.ReadExactlyAsync(content, cancellationToken);
            return new ObjectContent(content, version);
        }
    }

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken)
    {
        var staged = StagingPath();
        try
        {
            await File.WriteAllBytesAsync(staged, content, cancellationToken);
            Commit(staged, key);
        }
        finally
        {
            // Gone after a commit; after a failed write or commit, nothing may be left behind.
            File.Delete(staged);
        }
    }

    /// <remarks>Tells the listeners, as S3 announces every removal to its notification targets, the absent ones included.</remarks>
    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was there.
        }
        foreach (var listener in listeners) listener.ObjectRemoved(key);
        return Task.CompletedTask;
    }

    public Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken)
    {
        // Only the top folder of the prefix is walked; keys are compared as S3 does, ordinally.
        var top = Path.Combine(Root, prefix[..(prefix.IndexOf('/') + 1)]);
        var keys = Directory.Exists(top)
            ? Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories)
                .Select(path => LocalKeyPaths.ToKey(Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/')))
                .Where(key => key.StartsWith(prefix, StringComparison.Ordinal)
                              && (startAfter is null || string.CompareOrdinal(key, startAfter) > 0))
                .Order(StringComparer.Ordinal)
                .Take(maxKeys + 1)
                .ToList()
            : [];
        // A file deleted since the walk is left out, as S3 would no longer list it.
        var page = keys.Take(maxKeys).Select(key => Describe(key, new FileInfo(PathOf(key)))).OfType<StoredObject>().ToList();
        return Task.FromResult(new ObjectPage(page, keys.Count > maxKeys ? keys[maxKeys - 1] : null));
    }

    /// <summary>A new file in the staging folder, on the same volume as the store so that a commit is a rename.</summary>
    public string StagingPath()
    {
        var folder = Path.Combine(Root, StagingFolder);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Guid.NewGuid().ToString("N"));
    }

    /// <summary>Deletes every staged file; only safe before any upload starts (LocalStagingCleanup).</summary>
    public void DiscardStaged()
    {
        var folder = Path.Combine(Root, StagingFolder);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>Makes a staged file visible under <paramref name="key"/> in one rename, replacing what was there.</summary>
    public void Commit(string stagedPath, string key)
    {
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(stagedPath, target, overwrite: true);
    }

    /// <exception cref="ArgumentException">The key would reach outside the store.</exception>
    public string PathOf(string key) =>
        Contains(key) ? FullPathOf(key) : throw new ArgumentException($"The key '{key}' is outside the store.", nameof(key));

    /// <summary>
    /// Whether a key names a file of the store: image names are validated long before, this is the last line of
    /// defence against a key that escapes the root or reaches the staging folder.
    /// </summary>
    public bool Contains(string key) =>
        FullPathOf(key).StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        && !key.StartsWith(StagingFolder, StringComparison.Ordinal)
        && !key.Contains(LocalKeyPaths.ContinuationMark);

    private string FullPathOf(string key) => Path.GetFullPath(Path.Combine(Root, LocalKeyPaths.ToRelativePath(key)));

    private static StoredObject? Describe(string key, FileInfo file) =>
        file.Exists ? new StoredObject(key, file.Length, file.LastWriteTimeUtc, ETagOf(file)) : null;

    private static string ETagOf(FileInfo file) => $"\"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}\"";
}
