using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ThumbApi.Thumbnails;

public enum ThumbnailEngineKind { NetVips, ImageSharp }

/// <summary>How thumbnails are made (<c>Thumbnails</c>): the engine and the limits on what it accepts. The presets are the image's (PresetOptions).</summary>
public sealed partial class ThumbnailOptions : IValidatableObject
{
    public const string Section = "Thumbnails";

    public ThumbnailEngineKind Engine { get; set; } = ThumbnailEngineKind.NetVips;

    /// <summary>Width × height × frames above which an image is refused from its header, before any decoding.</summary>
    public long MaxSourcePixels { get; set; } = 50_000_000;

    /// <summary>
    /// The pixels one decode may hold at once (docs/limits-memory.md), checked from the header before decoding. The
    /// default leaves room in the thumbnails function's native share (30 % of 1769 MB) for the runtime beside it.
    /// </summary>
    public long MaxDecodeBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// The longest side an original may have: 65,535 is the most a JPEG or GIF can describe, and only PNG goes
    /// beyond it; a decoder streams rows one by one, so a 1×50,000,000 strip costs seconds per image.
    /// </summary>
    public int MaxSourceSide { get; set; } = 65_535;

    /// <summary>Originals larger than this are refused before they are read.</summary>
    public long MaxSourceBytes { get; set; } = 26_214_400;

    /// <summary>What transparent pixels become in a JPEG thumbnail, as <c>#rrggbb</c>.</summary>
    public string Background { get; set; } = "#ffffff";

    public (byte R, byte G, byte B) BackgroundRgb => (
        byte.Parse(Background.AsSpan(1, 2), NumberStyles.HexNumber),
        byte.Parse(Background.AsSpan(3, 2), NumberStyles.HexNumber),
        byte.Parse(Background.AsSpan(5, 2), NumberStyles.HexNumber));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == ThumbnailEngineKind.ImageSharp && !ThumbnailServices.ImageSharpIncluded)
            yield return new("Thumbnails:Engine 'ImageSharp' is not in this package: the Native AOT build ships the NetVips engine only "
                + "(ImageSharp 2.1 is not AOT-compatible). Use NetVips, or the ReadyToRun package (build/package.sh without --aot).", [nameof(Engine)]);
        if (MaxSourcePixels < 1) yield return new("Thumbnails:MaxSourcePixels must be positive.", [nameof(MaxSourcePixels)]);
        if (MaxDecodeBytes < 1) yield return new("Thumbnails:MaxDecodeBytes must be positive.", [nameof(MaxDecodeBytes)]);
        if (MaxSourceSide < 1) yield return new("Thumbnails:MaxSourceSide must be positive.", [nameof(MaxSourceSide)]);
        if (MaxSourceBytes < 1) yield return new("Thumbnails:MaxSourceBytes must be positive.", [nameof(MaxSourceBytes)]);
        if (!BackgroundColour().IsMatch(Background))
            yield return new($"Thumbnails:Background must look like #rrggbb (got '{Background}').", [nameof(Background)]);
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex BackgroundColour();
}
