using System.Text.Json;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Thumbnails.Events;

namespace ThumbApi.Thumbnails;

public enum ImageState { Unknown, Pending, Ready, Failed }

public sealed record ImageStatus(ImageState State, string? Reason = null);

/// <summary>Answers where an image stands from object metadata alone: no listing, no image bytes.</summary>
public sealed class ImageStatusReader(IObjectStore store, IOptions<ThumbnailOptions> options)
{
    private const long MaxFailureRecordBytes = 64 * 1024;

    /// <summary>The state of one preset's thumbnail, cheapest check first: a ready thumbnail costs one lookup.</summary>
    public async Task<ImageStatus> GetThumbnailStatusAsync(string name, string preset, CancellationToken cancellationToken)
    {
        var settings = options.Value.Presets[preset];
        if (await store.GetInfoAsync(BucketLayout.ThumbnailKey(name, preset, settings.Extension), cancellationToken) is not null)
            return new ImageStatus(ImageState.Ready);
        return await GetUnfinishedStatusAsync(name, cancellationToken);
    }

    /// <summary>The state of the image as a whole: ready once every preset's thumbnail is written.</summary>
    public async Task<ImageStatus> GetImageStatusAsync(string name, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(BucketLayout.ImageKey(name), cancellationToken) is null)
            return new ImageStatus(ImageState.Unknown);
        var lookups = options.Value.PresetList.Select(p =>
            store.GetInfoAsync(BucketLayout.ThumbnailKey(name, p.Name, p.Preset.Extension), cancellationToken));
        if ((await Task.WhenAll(lookups)).All(info => info is not null))
            return new ImageStatus(ImageState.Ready);
        return await ReadFailureAsync(name, cancellationToken) ?? new ImageStatus(ImageState.Pending);
    }

    private async Task<ImageStatus> GetUnfinishedStatusAsync(string name, CancellationToken cancellationToken)
    {
        if (await ReadFailureAsync(name, cancellationToken) is { } failed) return failed;
        return await store.GetInfoAsync(BucketLayout.ImageKey(name), cancellationToken) is null
            ? new ImageStatus(ImageState.Unknown)
            : new ImageStatus(ImageState.Pending);
    }

    private async Task<ImageStatus?> ReadFailureAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var json = (await store.ReadAllAsync(BucketLayout.FailureKey(name), MaxFailureRecordBytes, cancellationToken)).Bytes;
            var record = JsonSerializer.Deserialize(json, EventJsonContext.Default.FailureRecord);
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
