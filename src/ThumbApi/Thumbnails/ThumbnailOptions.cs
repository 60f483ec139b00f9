using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ThumbApi.Thumbnails;

public enum ThumbnailEngineKind { NetVips, ImageSharp }

public sealed partial class ThumbnailOptions : IValidatableObject
{
    public const string Section = "Thumbnails";
    public const string DefaultPreset = "small";

    public ThumbnailEngineKind Engine { get; set; } = ThumbnailEngineKind.NetVips;

    /// <summary>Name → preset. When the configuration names none, <c>small</c> (80×80 cover PNG) is the only one.</summary>
    public Dictionary<string, ThumbnailPreset> Presets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Width × height × frames above which an image is refused from its header, before any decoding.</summary>
    public long MaxSourcePixels { get; set; } = 50_000_000;

    /// <summary>Originals larger than this are refused before they are read.</summary>
    public long MaxSourceBytes { get; set; } = 26_214_400;

    /// <summary>What transparent pixels become in a JPEG thumbnail, as <c>#rrggbb</c>.</summary>
    public string Background { get; set; } = "#ffffff";

    public IReadOnlyList<(string Name, ThumbnailPreset Preset)> PresetList =>
        Presets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    public (byte R, byte G, byte B) BackgroundRgb => (
        byte.Parse(Background.AsSpan(1, 2), NumberStyles.HexNumber),
        byte.Parse(Background.AsSpan(3, 2), NumberStyles.HexNumber),
        byte.Parse(Background.AsSpan(5, 2), NumberStyles.HexNumber));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Engine == ThumbnailEngineKind.ImageSharp && !ThumbnailServices.ImageSharpIncluded)
            yield return new("Thumbnails:Engine 'ImageSharp' is not in this package: the Native AOT build ships the NetVips engine only "
                + "(ImageSharp 2.1 is not AOT-compatible). Use NetVips, or the ReadyToRun package (build/package.sh without --aot).", [nameof(Engine)]);
        if (!Presets.ContainsKey(DefaultPreset))
            yield return new($"Thumbnails:Presets must define the '{DefaultPreset}' preset (the default size).", [nameof(Presets)]);
        foreach (var (name, preset) in Presets)
        {
            var at = $"Thumbnails:Presets:{name}";
            if (!PresetName().IsMatch(name))
                yield return new($"{at}: preset names are 1–32 characters of a–z, 0–9 and '-'.", [nameof(Presets)]);
            if (name == "failed")
                yield return new($"{at}: 'failed' is reserved for failure records.", [nameof(Presets)]);
            if (preset.Width is < 1 or > 4096 || preset.Height is < 1 or > 4096)
                yield return new($"{at}: Width and Height must be between 1 and 4096 (got {preset.Width}×{preset.Height}).", [nameof(Presets)]);
            if (preset.Quality is < 1 or > 100)
                yield return new($"{at}: Quality must be between 1 and 100 (got {preset.Quality}).", [nameof(Presets)]);
            if (preset.Effort is < 0 or > 6)
                yield return new($"{at}: Effort must be between 0 and 6 (got {preset.Effort}).", [nameof(Presets)]);
        }
        if (MaxSourcePixels < 1) yield return new("Thumbnails:MaxSourcePixels must be positive.", [nameof(MaxSourcePixels)]);
        if (MaxSourceBytes < 1) yield return new("Thumbnails:MaxSourceBytes must be positive.", [nameof(MaxSourceBytes)]);
        if (!BackgroundColour().IsMatch(Background))
            yield return new($"Thumbnails:Background must look like #rrggbb (got '{Background}').", [nameof(Background)]);
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex PresetName();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex BackgroundColour();
}
