using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace ThumbApi.Storage;

/// <summary>
/// Where things live in the bucket (DESIGN §3). Thumbnail keys append <c>.{preset}.{extension}</c> to the image
/// name: preset names and extensions contain no dot, so two different (name, preset) pairs never share a key,
/// and <c>a.jpg</c> and <c>a.png</c> stay different images.
/// </summary>
public static class BucketLayout
{
    public const string ImagesPrefix = "images/";
    public const string ThumbnailsPrefix = "thumbnails/";

    /// <summary>S3 keys are at most 1024 bytes of UTF-8; the longest derived key adds this much to a name.</summary>
    private const int LongestSuffixBytes = 64;
    public const int MaxNameBytes = 1024 - 11 - LongestSuffixBytes;

    public static string ImageKey(string name) => ImagesPrefix + name;

    public static string ThumbnailKey(string name, string preset, string extension) =>
        $"{ThumbnailsPrefix}{name}.{preset}.{extension}";

    public static string FailureKey(string name) => $"{ThumbnailsPrefix}{name}.failed.json";

    /// <summary>The image name of a key under <c>images/</c>, if it is one the service may handle.</summary>
    public static bool TryGetImageName(string key, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (!key.StartsWith(ImagesPrefix, StringComparison.Ordinal)) return false;
        var candidate = key[ImagesPrefix.Length..];
        if (ValidateName(candidate) is not null) return false;
        name = candidate;
        return true;
    }

    /// <summary>
    /// Why <paramref name="name"/> cannot name an image, or <c>null</c> when it can. Names may hold <c>/</c>, spaces
    /// and any Unicode (tools other than the API put images in the bucket), but never anything that could reach
    /// outside <c>images/</c> or <c>thumbnails/</c> on a file system.
    /// </summary>
    public static string? ValidateName(string name)
    {
        if (name.Length == 0) return "The name is empty.";
        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes) return $"The name is longer than {MaxNameBytes} bytes.";
        if (name.StartsWith('/') || name.EndsWith('/')) return "The name starts or ends with '/'.";
        if (name.Contains('\\')) return "The name contains a backslash.";
        foreach (var c in name)
        {
            if (char.IsControl(c)) return "The name contains a control character.";
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment is "" or "." or "..") return "The name contains an empty, '.' or '..' segment.";
        }
        return null;
    }
}
