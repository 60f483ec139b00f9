using System.Text.Json;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;

namespace ThumbApi.Images;

public enum ImageState { Unknown, Pending, Ready, Failed }

public sealed record ImageStatus(ImageState State, string? Reason = null);

/// <summary>Answers where an image stands from object metadata alone: no listing, no image bytes.</summary>
public sealed class ImageStatusReader(IObjectStore store, IOptions<PresetOptions> options)
{
    private const long MaxFailureRecordBytes = 64 * 1024;

    /// <summary>The state of one preset's thumbnail, cheapest check first: a ready thumbnail costs one lookup.</summary>
    public async Task<ImageStatus> GetThumbnailStatusAsync(ImageName name, string preset, CancellationToken cancellationToken)
    {
        var settings = options.Value.Presets[preset];
        if (await store.GetInfoAsync(name.ThumbnailKey(preset, settings.Extension), cancellationToken) is not null)
            return new ImageStatus(ImageState.Ready);
        if (await ReadFailureAsync(name, cancellationToken) is { } failed) return failed;
        return await store.GetInfoAsync(name.ImageKey, cancellationToken) is null
            ? new ImageStatus(ImageState.Unknown)
            : new ImageStatus(ImageState.Pending);
    }

    /// <summary>The state of the image as a whole: ready once every preset's thumbnail is written.</summary>
    public async Task<ImageStatus> GetImageStatusAsync(ImageName name, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is null)
            return new ImageStatus(ImageState.Unknown);
        var lookups = options.Value.PresetList.Select(p =>
            store.GetInfoAsync(name.ThumbnailKey(p.Name, p.Preset.Extension), cancellationToken));
        if ((await Task.WhenAll(lookups)).All(info => info is not null))
            return new ImageStatus(ImageState.Ready);
        return await ReadFailureAsync(name, cancellationToken) ?? new ImageStatus(ImageState.Pending);
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
