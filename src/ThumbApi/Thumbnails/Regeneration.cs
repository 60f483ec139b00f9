using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Walks every original in the store and makes exactly its missing or outdated renditions: what one machine does
/// for a bucket it can walk (on AWS, an S3 Batch Operations job over the bucket does the same per object).
/// </summary>
public sealed partial class Regeneration(IObjectStore store, ThumbnailGenerator generator, ILogger<Regeneration> logger)
{
    private const int PageSize = 1000;

    /// <summary>The originals a run will visit, for a progress bar: one listing, no reads.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var page in PagesAsync(cancellationToken)) count += page.Count;
        return count;
    }

    /// <param name="progress">Told after every image, from several threads at once.</param>
    public async Task<RegenerationSummary> RunAsync(Action<RegenerationSummary> progress, CancellationToken cancellationToken)
    {
        var summary = new RegenerationSummary();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await foreach (var page in PagesAsync(cancellationToken))
        {
            await Parallel.ForEachAsync(page, parallel, async (name, token) =>
            {
                try
                {
                    summary.Count(await generator.RefreshAsync(name, token));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The store failing on one image (or a bug) must not stop the rest; the summary and exit code say so.
                    LogImageError(e, name.Value);
                    summary.CountError();
                }
                progress(summary);
            });
        }
        return summary;
    }

    private async IAsyncEnumerable<List<ImageName>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? startAfter = null;
        do
        {
            var page = await store.ListAsync(ImageName.ImagesPrefix, startAfter, PageSize, cancellationToken);
            yield return [.. page.Objects.Select(o => ImageName.TryFromKey(o.Key, out var name) ? name : default).Where(n => n.Value is not null)];
            startAfter = page.NextStartAfter;
        }
        while (startAfter is not null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not regenerate {Name}; going on with the rest")]
    private partial void LogImageError(Exception exception, string name);
}

/// <summary>What a regeneration did so far; updated from several threads.</summary>
public sealed class RegenerationSummary
{
    private int _rendered, _upToDate, _failed, _alreadyFailed, _skipped, _errors;

    /// <summary>Images whose missing or outdated renditions were made.</summary>
    public int Rendered => _rendered;
    public int UpToDate => _upToDate;

    /// <summary>Images that could not be thumbnailed this time (a failure record now says why).</summary>
    public int Failed => _failed;

    /// <summary>Images that had already failed: left as they are.</summary>
    public int AlreadyFailed => _alreadyFailed;

    /// <summary>Originals deleted or replaced while the run went on: their own events handle them.</summary>
    public int Skipped => _skipped;

    /// <summary>Images the store could not serve this time (logged): running again retries them.</summary>
    public int Errors => _errors;

    public int Done => Rendered + UpToDate + Failed + AlreadyFailed + Skipped + Errors;

    public void Count(RefreshOutcome outcome)
    {
        switch (outcome)
        {
            case RefreshOutcome.Rendered: Interlocked.Increment(ref _rendered); break;
            case RefreshOutcome.UpToDate: Interlocked.Increment(ref _upToDate); break;
            case RefreshOutcome.Failed: Interlocked.Increment(ref _failed); break;
            case RefreshOutcome.AlreadyFailed: Interlocked.Increment(ref _alreadyFailed); break;
            default: Interlocked.Increment(ref _skipped); break;
        }
    }

    public void CountError() => Interlocked.Increment(ref _errors);

    public override string ToString() =>
        $"{Done} images: {Rendered} rendered, {UpToDate} up to date, {Failed} failed, {AlreadyFailed} already failed, {Skipped} skipped, {Errors} errors";
}
