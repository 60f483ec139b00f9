using System.Text.Json;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;

namespace ThumbApi.Images;

public enum ImageState { Unknown, Pending, Ready, Failed }

/// <param name="NeedsRefresh">
/// Pending because renditions were made before the presets changed (one is missing or outdated), not because the
/// image's own event is still on its way: asking for a refresh is what makes it ready.
/// </param>
/// <param name="Details">For a ready image, what a page needs before its thumbnails load.</param>
public sealed record ImageStatus(ImageState State, string? Reason = null, bool NeedsRefresh = false, ImageDetails? Details = null);

/// <summary>Answers where an image stands from small records and object metadata alone: no listing, no image bytes.</summary>
public sealed class ImageStatusReader(IObjectStore store, IOptions<PresetOptions> options)
{
    private const long MaxFailureRecordBytes = 64 * 1024;

    /// <summary>The state of one preset's thumbnail: a current rendition costs one small read and one lookup, made at once.</summary>
    public async Task<ImageStatus> GetThumbnailStatusAsync(ImageName name, string preset, CancellationToken cancellationToken)
    {
        // The original too: a thumbnail whose original was deleted a moment ago is not served while the cascade runs.
        var recordRead = RenditionRecord.ReadAsync(store, name, cancellationToken);
        var originalRead = store.GetInfoAsync(name.ImageKey, cancellationToken);
        await Task.WhenAll(recordRead, originalRead);
        var record = await recordRead;
        if (await originalRead is null) return new ImageStatus(ImageState.Unknown);
        if (record is not null && record.IsCurrent(preset, options.Value.Presets[preset])) return new ImageStatus(ImageState.Ready);
        return await ReadFailureAsync(name, cancellationToken) ?? await PendingAsync(name, record, cancellationToken);
    }

    /// <summary>The state of the image as a whole: ready once every preset's rendition is current.</summary>
    public async Task<ImageStatus> GetImageStatusAsync(ImageName name, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is null) return new ImageStatus(ImageState.Unknown);
        var record = await RenditionRecord.ReadAsync(store, name, cancellationToken);
        if (record is not null && options.Value.PresetList.All(p => record.IsCurrent(p.Name, p.Preset)))
            return new ImageStatus(ImageState.Ready, Details: record.Details);
        return await ReadFailureAsync(name, cancellationToken) ?? await PendingAsync(name, record, cancellationToken);
    }

    /// <summary>An original that is neither ready nor failed.</summary>
    private async Task<ImageStatus> PendingAsync(ImageName name, RenditionRecord? record, CancellationToken cancellationToken)
    {
        // Renditions exist but not the wanted ones: the presets changed since they were made. Thumbnails without a
        // record were made before definitions were recorded; what made them is unknown, so they are made again once.
        var rendered = record is not null || await AnyThumbnailAsync(name, cancellationToken);
        return new ImageStatus(ImageState.Pending, NeedsRefresh: rendered);
    }

    private async Task<bool> AnyThumbnailAsync(ImageName name, CancellationToken cancellationToken)
    {
        foreach (var (preset, settings) in options.Value.PresetList)
        {
            if (await store.GetInfoAsync(name.ThumbnailKey(preset, settings.Extension), cancellationToken) is not null) return true;
        }
        return false;
    }

    private async Task<ImageStatus?> ReadFailureAsync(ImageName name, CancellationToken cancellationToken)
    {
        try
        {
            var record = FailureRecord.FromJson((await store.ReadAllAsync(name.FailureKey, MaxFailureRecordBytes, cancellationToken)).Bytes);
            return new ImageStatus(ImageState.Failed, record?.Reason);
        }
        catch (StoredObjectNotFoundException)
        {
            return null;
        }
        catch (JsonException)
        {
            // The record's existence is the verdict; only its wording is lost.
            return new ImageStatus(ImageState.Failed, "The image could not be thumbnailed.");
        }
    }
}
