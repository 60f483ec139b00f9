using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ThumbApi.Images;

/// <summary>
/// What a rendition was made from: the settings of its preset that change its pixels or bytes, hashed. A rendition
/// recorded under another definition is outdated and is made again; a setting that cannot change the output (the
/// quality of a PNG) is left out, so changing it re-renders nothing.
/// </summary>
public static class PresetDefinition
{
    /// <summary>
    /// Raise it when the rendering code changes what it makes for the same settings (a new resampler, colour
    /// handling): every rendition becomes outdated and heals on its next lookup or regeneration.
    /// </summary>
    public const int PipelineVersion = 1;

    /// <summary>16 hex digits (64 bits of SHA-256): enough that two definitions of one preset never meet.</summary>
    public static string Of(ThumbnailPreset preset)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"pipeline={PipelineVersion};width={preset.Width};height={preset.Height};fit={preset.Fit};format={preset.Format}");
        if (preset.Format is ThumbnailFormat.Jpeg or ThumbnailFormat.Webp) text.Append(CultureInfo.InvariantCulture, $";quality={preset.Quality}");
        if (preset.Format is ThumbnailFormat.Webp) text.Append(CultureInfo.InvariantCulture, $";effort={preset.Effort}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 8));
    }
}
