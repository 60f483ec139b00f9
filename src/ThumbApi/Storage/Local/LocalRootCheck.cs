using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.Local;

/// <summary>
/// Checks at start-up that the embedded store can create, write and list <c>Storage:LocalRoot</c>, so that an
/// unusable folder stops the start with its path and the reason, instead of failing every upload afterwards.
/// </summary>
public sealed class LocalRootCheck : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Provider != StorageProvider.Local || string.IsNullOrWhiteSpace(options.LocalRoot)) return ValidateOptionsResult.Skip;
        var root = Path.GetFullPath(options.LocalRoot);
        var probe = Path.Combine(root, $".probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(root);
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            _ = Directory.EnumerateFileSystemEntries(root).Any();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"Storage:LocalRoot '{root}' cannot be used: {e.Message}");
        }
    }
}
