using System.Text.Json;
using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Finds originals that are neither ready nor failed (an event lost to a crash, images that were in the bucket before
/// the service, renditions of presets that changed since) and makes what they lack, one bounded page at a time.
/// </summary>
public sealed partial class ThumbnailBackfill(
    IObjectStore store,
    ImageStatusReader statuses,
    ThumbnailGenerator generator,
    ILogger<ThumbnailBackfill> logger)
{
    /// <param name="modifiedBefore">Only originals stored before this (younger ones may still have their event on the way).</param>
    public async Task<BackfillResult> RunAsync(BackfillRequest request, CancellationToken cancellationToken, DateTimeOffset? modifiedBefore = null)
    {
        var prefix = request.Prefix ?? ImageName.ImagesPrefix;
        if (!prefix.StartsWith(ImageName.ImagesPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"The backfill prefix must start with '{ImageName.ImagesPrefix}' (got '{prefix}').", nameof(request));

        var result = new BackfillResult();
        var page = await store.ListAsync(prefix, request.StartAfter, Math.Clamp(request.MaxImages ?? 100, 1, 1000), cancellationToken);
        foreach (var image in page.Objects)
        {
            result.Scanned++;
            if (!ImageName.TryFromKey(image.Key, out var name) || image.LastModified >= (modifiedBefore ?? DateTimeOffset.MaxValue)) continue;
            try
            {
                if ((await statuses.GetImageStatusAsync(name, cancellationToken)).State != ImageState.Pending) continue;
                // What it lacks: every rendition without a record (a lost event, a job cut off before writing its
                // record), only the outdated ones with one (presets that changed since).
                switch (await generator.RefreshAsync(name, cancellationToken))
                {
                    case RefreshOutcome.Rendered: result.Generated++; break;
                    case RefreshOutcome.Failed: result.Failed++; break;
                    default: result.Skipped++; break;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One original that cannot be handled now (the store failing on it, a bug) must not stop the rest.
                LogImageError(e, image.Key);
                result.Errors++;
            }
        }
        result.NextStartAfter = page.NextStartAfter;
        LogPage(prefix, result.Scanned, result.Generated, result.Failed, result.Errors, result.NextStartAfter);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Backfill of {Prefix}: scanned {Scanned}, generated {Generated}, failed {Failed}, errors {Errors}; next page after {NextStartAfter}")]
    private partial void LogPage(string prefix, int scanned, int generated, int failed, int errors, string? nextStartAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backfill could not handle {Key}; going on with the rest")]
    private partial void LogImageError(Exception exception, string key);
}

/// <summary>One page of a backfill: the <c>thumbnails</c> function takes it as <c>{"backfill": {…}}</c>.</summary>
/// <param name="Prefix">Under <c>images/</c>; all of it by default.</param>
/// <param name="StartAfter">The <c>nextStartAfter</c> of the previous page.</param>
/// <param name="MaxImages">Originals to look at in this page (1–1000, default 100), so one invocation stays within its timeout.</param>
public sealed record BackfillRequest(string? Prefix = null, string? StartAfter = null, int? MaxImages = null)
{
    /// <exception cref="JsonException">The element is not a backfill request.</exception>
    public static BackfillRequest FromJson(JsonElement request) =>
        request.Deserialize(ThumbnailsJsonContext.Default.BackfillRequest) ?? new BackfillRequest();
}

public sealed class BackfillResult
{
    public int Scanned { get; set; }
    public int Generated { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }

    /// <summary>Originals that could not be handled this time (logged); a later pass tries them again.</summary>
    public int Errors { get; set; }

    public string? NextStartAfter { get; set; }
}
