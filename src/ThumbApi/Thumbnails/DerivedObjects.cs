using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Everything the service made from one image: its thumbnails (of the configured presets, and of presets its
/// rendition record names that are configured no more), its rendition record and its failure record. Each key is
/// computed, never listed, so another image's keys cannot be among them (see <see cref="ImageName"/>).
/// </summary>
public sealed class DerivedObjects(IObjectStore store, IOptions<PresetOptions> presets)
{
    /// <param name="keep">A key to leave in place.</param>
    public async Task DeleteAsync(ImageName name, CancellationToken cancellationToken, string? keep = null)
    {
        var record = await RenditionRecord.ReadAsync(store, name, cancellationToken);
        var configured = presets.Value.Presets;
        // A preset that is configured no more has an unknown format: each one it could have had is removed.
        var keys = configured.Select(p => name.ThumbnailKey(p.Key, p.Value.Extension))
            .Concat((record?.Renditions.Keys ?? Enumerable.Empty<string>()).Where(p => !configured.ContainsKey(p))
                .SelectMany(p => Enum.GetValues<ThumbnailFormat>().Select(f => name.ThumbnailKey(p, ThumbnailPreset.ExtensionOf(f)))))
            // The record last: until it goes, it still names what the keys above were made from.
            .Append(name.FailureKey)
            .Append(name.RenditionsKey)
            .Where(key => key != keep);
        foreach (var key in keys) await store.DeleteAsync(key, cancellationToken);
    }
}
