using Microsoft.Extensions.Options;
using ThumbApi.Images;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Refuses, at start-up, a preset with <c>Fit: Attention</c> under the ImageSharp engine: ImageSharp 2.1 has no
/// saliency crop, and a silent centre crop instead would cut off the subject the setting is there to keep.
/// </summary>
public sealed class AttentionNeedsNetVips(IOptions<PresetOptions> presets) : IValidateOptions<ThumbnailOptions>
{
    public ValidateOptionsResult Validate(string? name, ThumbnailOptions options)
    {
        if (options.Engine != ThumbnailEngineKind.ImageSharp) return ValidateOptionsResult.Success;
        var attention = presets.Value.PresetList.Where(p => p.Preset.Fit == ThumbnailFit.Attention).Select(p => p.Name).ToList();
        return attention.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(string.Join("; ", attention.Select(preset =>
                $"Thumbnails:Presets:{preset}: Fit 'Attention' needs the NetVips engine (ImageSharp 2.1 has no saliency crop); use Cover, or Thumbnails:Engine NetVips")));
    }
}
