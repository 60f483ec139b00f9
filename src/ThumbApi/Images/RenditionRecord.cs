using System.Text.Json;
using ThumbApi.Storage;

namespace ThumbApi.Images;

/// <summary>
/// The renditions of an image and what made each: preset name → <see cref="PresetDefinition"/>. Kept under
/// <see cref="ImageName.RenditionsKey"/> and written after the thumbnails it lists, so a listed rendition exists; a
/// lookup reads this one small object instead of asking for every thumbnail. It also keeps what a page needs before
/// the thumbnails load, made with them.
/// </summary>
public sealed record RenditionRecord(Dictionary<string, string> Renditions, ImageDetails? Details = null)
{
    /// <summary>Large enough for hundreds of presets; anything bigger is not a record the service wrote.</summary>
    public const long MaxBytes = 64 * 1024;

    /// <summary>Whether the rendition of <paramref name="preset"/> was made from its current definition.</summary>
    public bool IsCurrent(string presetName, ThumbnailPreset preset) =>
        Renditions.TryGetValue(presetName, out var definition) && definition == PresetDefinition.Of(preset);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ImagesJsonContext.Default.RenditionRecord);

    /// <summary>The record of <paramref name="name"/>, or <c>null</c> when it has none the service wrote.</summary>
    /// <remarks>Without a record, what made the renditions is unknown: they count as outdated and are made again.</remarks>
    public static async Task<RenditionRecord?> ReadAsync(IObjectStore store, ImageName name, CancellationToken cancellationToken)
    {
        try
        {
            var json = (await store.ReadAllAsync(name.RenditionsKey, MaxBytes, cancellationToken)).Bytes;
            return JsonSerializer.Deserialize(json, ImagesJsonContext.Default.RenditionRecord);
        }
        catch (Exception e) when (e is StoredObjectNotFoundException or StoredObjectTooLargeException or JsonException)
        {
            return null;
        }
    }
}
