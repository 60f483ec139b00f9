using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Images;

/// <summary>
/// The name of an image, and where everything about it lives in the bucket: the original under <c>images/</c>,
/// its thumbnails and failure record under <c>thumbnails/</c>. Names may hold <c>/</c>, spaces and any Unicode
/// (tools other than the API put images in the bucket), but never anything that could reach outside those two
/// prefixes on a file system.
/// </summary>
/// <remarks>
/// Derived keys append <c>.{preset}.{extension}</c>, <c>.failed.json</c> or <c>.renditions.json</c> to the name.
/// Preset names and extensions contain no dot and no preset may take a <see cref="ReservedSuffixes">reserved
/// name</see>, so two different (name, preset) pairs never share a key: <c>a.jpg</c> and <c>a.jpg.b.jpg</c> stay apart, and so do <c>a.jpg</c> and <c>a.png</c>.
/// </remarks>
public readonly record struct ImageName
{
    public const string ImagesPrefix = "images/";
    public const string ThumbnailsPrefix = "thumbnails/";

    /// <summary>The reserved preset name that a failure record's key uses in place of a preset.</summary>
    public const string FailureRecordSuffix = "failed";

    /// <summary>The reserved preset name that the rendition record's key uses in place of a preset.</summary>
    public const string RenditionRecordSuffix = "renditions";

    public static readonly IReadOnlyList<string> ReservedSuffixes = [FailureRecordSuffix, RenditionRecordSuffix];

    /// <summary>S3 keys are at most 1024 bytes of UTF-8; the longest derived key adds this much to a name.</summary>
    private const int LongestSuffixBytes = 64;
    public const int MaxBytes = 1024 - 11 - LongestSuffixBytes;

    private ImageName(string value) => Value = value;

    public string Value { get; }

    public string ImageKey => ImagesPrefix + Value;

    public string FailureKey => $"{ThumbnailsPrefix}{Value}.{FailureRecordSuffix}.json";

    public string RenditionsKey => $"{ThumbnailsPrefix}{Value}.{RenditionRecordSuffix}.json";

    public string ThumbnailKey(string preset, string extension) => $"{ThumbnailsPrefix}{Value}.{preset}.{extension}";

    public override string ToString() => Value;

    /// <exception cref="ArgumentException">The name cannot name an image.</exception>
    public static ImageName Parse(string name) =>
        Validate(name) is { } invalid ? throw new ArgumentException(invalid, nameof(name)) : new ImageName(name);

    public static bool TryParse(string name, out ImageName imageName)
    {
        imageName = Validate(name) is null ? new ImageName(name) : default;
        return imageName.Value is not null;
    }

    /// <summary>The image name of a key under <c>images/</c>, if it is one the service may handle.</summary>
    public static bool TryFromKey(string key, out ImageName name)
    {
        name = default;
        return key.StartsWith(ImagesPrefix, StringComparison.Ordinal) && TryParse(key[ImagesPrefix.Length..], out name);
    }

    /// <summary>Why <paramref name="name"/> cannot name an image, or <c>null</c> when it can.</summary>
    public static string? Validate(string name)
    {
        if (name.Length == 0) return "The name is empty.";
        if (Encoding.UTF8.GetByteCount(name) > MaxBytes) return $"The name is longer than {MaxBytes} bytes.";
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

    /// <summary>
    /// Binds the <c>{**name}</c> route value from the request target as the client sent it: the server's decoded
    /// path keeps <c>%2F</c> encoded (so that it cannot split a segment) while decoding <c>%25</c>, which would make
    /// a name holding a literal <c>%2F</c> indistinguishable from one holding <c>/</c>. Both spellings of <c>/</c>
    /// mean the same in an image name.
    /// </summary>
    /// <exception cref="BadHttpRequestException">The value cannot name an image (a 400 problem saying why).</exception>
    public static ValueTask<ImageName> BindAsync(HttpContext context)
    {
        var name = FromRequestTarget(context.Features.Get<IHttpRequestFeature>()?.RawTarget)
                   ?? (context.Request.RouteValues["name"] as string ?? "").Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        return Validate(name) is { } invalid
            ? throw new BadHttpRequestException($"Invalid image name: {invalid}")
            : ValueTask.FromResult(new ImageName(name));
    }

    /// <summary>Everything after the route's one literal segment (<c>/uploads/</c>, <c>/thumbnails/</c>), decoded once.</summary>
    private static string? FromRequestTarget(string? rawTarget)
    {
        if (rawTarget is not ['/', ..]) return null;
        var path = rawTarget.Split('?', 2)[0];
        var start = path.IndexOf('/', 1);
        return start < 0 ? null : Uri.UnescapeDataString(path[(start + 1)..]);
    }
}
