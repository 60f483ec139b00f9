using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace ThumbApi.Images;

/// <summary>
/// The thumbnail sizes every image gets (<c>Thumbnails:Presets</c>). They belong to the image rather than to the
/// generator: lookups, links and status answers read them as much as rendering does.
/// </summary>
public sealed partial class PresetOptions : IValidatableObject
{
    public const string Section = "Thumbnails";
    public const string DefaultPreset = "small";

    /// <summary>Name → preset. When the configuration names none, <c>small</c> (80×80 cover PNG) is the only one.</summary>
    public Dictionary<string, ThumbnailPreset> Presets { get; set; } = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Name, ThumbnailPreset Preset)> PresetList =>
        Presets.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Presets.ContainsKey(DefaultPreset))
            yield return new($"Thumbnails:Presets must define the '{DefaultPreset}' preset (the default size).", [nameof(Presets)]);
        foreach (var (name, preset) in Presets)
        {
            var at = $"Thumbnails:Presets:{name}";
            // No dot, and never a record's suffix: what keeps every derived key apart (see ImageName).
            if (!PresetName().IsMatch(name))
                yield return new($"{at}: preset names are 1–32 characters of a–z, 0–9 and '-'.", [nameof(Presets)]);
            if (ImageName.ReservedSuffixes.Contains(name))
                yield return new($"{at}: '{name}' is reserved for the records kept beside the thumbnails.", [nameof(Presets)]);
            if (preset.Width is < 1 or > 4096 || preset.Height is < 1 or > 4096)
                yield return new($"{at}: Width and Height must be between 1 and 4096 (got {preset.Width}×{preset.Height}).", [nameof(Presets)]);
            if (preset.Quality is < 1 or > 100)
                yield return new($"{at}: Quality must be between 1 and 100 (got {preset.Quality}).", [nameof(Presets)]);
            if (preset.Effort is < 0 or > 6)
                yield return new($"{at}: Effort must be between 0 and 6 (got {preset.Effort}).", [nameof(Presets)]);
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,32}$")]
    private static partial Regex PresetName();
}
