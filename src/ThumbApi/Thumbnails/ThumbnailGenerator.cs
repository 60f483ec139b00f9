using System.Diagnostics;
using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Storage;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Thumbnails;

public enum ThumbnailOutcome { Generated, Failed, Skipped, Removed }

/// <summary>What a refresh did: <see cref="UpToDate"/> and <see cref="AlreadyFailed"/> wrote nothing.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RefreshOutcome>))]
public enum RefreshOutcome { UpToDate, Rendered, Failed, AlreadyFailed, Skipped }

/// <summary>Reads one original, writes every preset's thumbnail, or a failure record when it never can.</summary>
public sealed partial class ThumbnailGenerator(
    IObjectStore store,
    IThumbnailEngine engine,
    DerivedObjects derived,
    IImageEvents events,
    ImageLocks locks,
    IOptions<ThumbnailOptions> options,
    IOptions<PresetOptions> presets,
    TimeProvider time,
    ILogger<ThumbnailGenerator> logger)
{
    /// <param name="version">The ETag the event announced, when there was one.</param>
    /// <remarks>
    /// Storage errors propagate: they are transient, and the caller's retry is the cure. An event for a version that
    /// has since been replaced writes nothing: the newer upload's own event makes its outputs, and an older event
    /// arriving late must not overwrite them.
    /// </remarks>
    public async Task<ThumbnailOutcome> GenerateAsync(ImageName name, string? version, CancellationToken cancellationToken)
    {
        var key = name.ImageKey;
        // Every line of the job, the engine's and the store's included, carries the key it is about.
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ImageKey"] = key });
        using var held = await locks.AcquireAsync(name.Value, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (source, unread) = await ReadOriginalAsync(name, started, cancellationToken);
        if (source is null) return unread;
        if (StoredObject.AreDifferentVersions(version, source.ETag))
        {
            LogSuperseded(key);
            return ThumbnailOutcome.Skipped;
        }

        return await RenderAsync(name, source, presets.Value.PresetList, previous: null, started, cancellationToken);
    }

    /// <summary>
    /// Makes the renditions of one image that are missing or outdated (made under another definition of their
    /// preset), and only those; an image whose renditions are all current costs one small read.
    /// </summary>
    /// <remarks>
    /// Storage errors propagate, as for <see cref="GenerateAsync"/>. An image that failed stays failed: a new preset
    /// does not make an unreadable file readable, and a re-upload is what retries it.
    /// </remarks>
    public async Task<RefreshOutcome> RefreshAsync(ImageName name, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["ImageKey"] = name.ImageKey });
        using var held = await locks.AcquireAsync(name.Value, cancellationToken);
        var started = Stopwatch.GetTimestamp();

        var record = await RenditionRecord.ReadAsync(store, name, cancellationToken);
        var stale = presets.Value.PresetList.Where(p => record?.IsCurrent(p.Name, p.Preset) != true).ToList();
        if (stale.Count == 0) return RefreshOutcome.UpToDate;
        if (await store.GetInfoAsync(name.FailureKey, cancellationToken) is not null) return RefreshOutcome.AlreadyFailed;

        var (source, unread) = await ReadOriginalAsync(name, started, cancellationToken);
        return (source is null ? unread : await RenderAsync(name, source, stale, record, started, cancellationToken)) switch
        {
            ThumbnailOutcome.Generated => RefreshOutcome.Rendered,
            ThumbnailOutcome.Failed => RefreshOutcome.Failed,
            _ => RefreshOutcome.Skipped,
        };
    }

    /// <returns>The original, or (without it) what became of the job: skipped when it is gone, failed when it is too large.</returns>
    private async Task<(ObjectContent? Source, ThumbnailOutcome Outcome)> ReadOriginalAsync(ImageName name, long started, CancellationToken cancellationToken)
    {
        try
        {
            return (await store.ReadAllAsync(name.ImageKey, options.Value.MaxSourceBytes, cancellationToken), ThumbnailOutcome.Generated);
        }
        catch (StoredObjectNotFoundException)
        {
            LogDeletedMeanwhile(name.ImageKey);
            return (null, ThumbnailOutcome.Skipped);
        }
        catch (StoredObjectTooLargeException e)
        {
            return (null, await FailAsync(name, $"The file has {e.Size:N0} bytes, more than the limit of {e.MaxBytes:N0}.", started, cancellationToken));
        }
    }

    /// <summary>Renders <paramref name="wanted"/> from one decode, writes them, then the record that lists them.</summary>
    /// <param name="previous">The record of the renditions kept as they are.</param>
    private async Task<ThumbnailOutcome> RenderAsync(ImageName name, ObjectContent source,
        IReadOnlyList<(string Name, ThumbnailPreset Preset)> wanted, RenditionRecord? previous, long started,
        CancellationToken cancellationToken)
    {
        var key = name.ImageKey;
        RenderResult rendered;
        try
        {
            rendered = engine.Render(source.Bytes, wanted);
        }
        catch (UnprocessableImageException e)
        {
            return await IsStillCurrentAsync(key, source.ETag, cancellationToken)
                ? await FailAsync(name, e.Message, started, cancellationToken)
                : ThumbnailOutcome.Skipped;
        }
        // A newer upload may have replaced the original while this one was rendered.
        if (!await IsStillCurrentAsync(key, source.ETag, cancellationToken)) return ThumbnailOutcome.Skipped;

        foreach (var thumbnail in rendered.Thumbnails)
        {
            var thumbnailKey = name.ThumbnailKey(thumbnail.Preset, thumbnail.Settings.Extension);
            await store.WriteAsync(thumbnailKey, thumbnail.Content, thumbnail.Settings.ContentType, ObjectKind.Thumbnail, cancellationToken);
        }
        // Last, so that what the record lists is there. Presets no longer configured drop out of it.
        var configured = presets.Value.Presets;
        var renditions = (previous?.Renditions ?? [])
            .Where(r => configured.TryGetValue(r.Key, out var preset) && r.Value == PresetDefinition.Of(preset))
            .ToDictionary(StringComparer.Ordinal);
        foreach (var (preset, settings) in wanted) renditions[preset] = PresetDefinition.Of(settings);
        await store.WriteAsync(name.RenditionsKey, new RenditionRecord(renditions, rendered.Details).ToJson(), "application/json", ObjectKind.Thumbnail, cancellationToken);
        // The newest bytes decide: a failure recorded for an earlier upload under this name no longer holds.
        await store.DeleteAsync(name.FailureKey, cancellationToken);
        if (await IsRemovedMeanwhileAsync(name, cancellationToken)) return ThumbnailOutcome.Skipped;
        // Ready with the presets as they are now: after an upload, and again after renditions healed.
        await events.ReadyAsync(name, rendered.Details, cancellationToken);

        LogGenerated(ThumbnailOutcome.Generated, key, rendered.Thumbnails.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            source.Bytes.Length, rendered.SourceWidth, rendered.SourceHeight, rendered.Frames, rendered.SourcePixels);
        return ThumbnailOutcome.Generated;
    }

    private async Task<bool> IsStillCurrentAsync(string key, string? readVersion, CancellationToken cancellationToken)
    {
        var current = await store.GetInfoAsync(key, cancellationToken);
        if (current is not null && !StoredObject.AreDifferentVersions(readVersion, current.ETag)) return true;
        LogSuperseded(key);
        return false;
    }

    /// <summary>
    /// Whether the original was removed while this job wrote: its removal's cascade may have run before the last
    /// write (on another Lambda instance, without this process's lock), so the job removes what it wrote itself.
    /// A removal after this check finds every write in place for its own cascade.
    /// </summary>
    private async Task<bool> IsRemovedMeanwhileAsync(ImageName name, CancellationToken cancellationToken)
    {
        if (await store.GetInfoAsync(name.ImageKey, cancellationToken) is not null) return false;
        await derived.DeleteAsync(name, cancellationToken);
        LogRemovedMeanwhile(name.ImageKey);
        return true;
    }

    private async Task<ThumbnailOutcome> FailAsync(ImageName name, string reason, long started, CancellationToken cancellationToken)
    {
        // The newest bytes decide: thumbnails of an earlier upload under this name must not outlive its failure.
        await derived.DeleteAsync(name, cancellationToken, keep: name.FailureKey);
        var record = new FailureRecord(name.Value, reason, time.GetUtcNow());
        await store.WriteAsync(name.FailureKey, record.ToJson(), "application/json", ObjectKind.FailureRecord, cancellationToken);
        if (await IsRemovedMeanwhileAsync(name, cancellationToken)) return ThumbnailOutcome.Skipped;
        await events.FailedAsync(name, reason, cancellationToken);
        LogFailed(ThumbnailOutcome.Failed, name.ImageKey, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reason);
        return ThumbnailOutcome.Failed;
    }

    // One line per job with what it cost: the figures a cost model needs (duration against source bytes and pixels).
    [LoggerMessage(Level = LogLevel.Information,
        Message = "{Outcome}: {Count} thumbnails of {Key} in {ElapsedMs:F0} ms ({SourceBytes} bytes, {SourceWidth}×{SourceHeight} × {Frames} frames = {SourcePixels} pixels)")]
    private partial void LogGenerated(ThumbnailOutcome outcome, string key, int count, double elapsedMs,
        long sourceBytes, int sourceWidth, int sourceHeight, int frames, long sourcePixels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Outcome}: cannot thumbnail {Key} (after {ElapsedMs:F0} ms): {Reason}")]
    private partial void LogFailed(ThumbnailOutcome outcome, string key, double elapsedMs, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Key}: it was replaced or deleted meanwhile; the newer version's event handles it")]
    private partial void LogSuperseded(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Key}: it was deleted while its thumbnails were written; they are removed")]
    private partial void LogRemovedMeanwhile(string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Key}: it was deleted before it could be read")]
    private partial void LogDeletedMeanwhile(string key);
}
