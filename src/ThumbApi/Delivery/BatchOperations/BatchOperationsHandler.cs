using Microsoft.Extensions.Options;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Delivery.BatchOperations;

/// <summary>
/// The <c>thumbnails</c> function's part in an S3 Batch Operations job over <c>images/</c>: for each task (one object
/// of the manifest), makes exactly the renditions that are missing or outdated, and says how it went in the terms
/// Batch Operations retries and reports by.
/// </summary>
public sealed partial class BatchOperationsHandler(ThumbnailGenerator generator, IOptions<StorageOptions> storage, ILogger<BatchOperationsHandler> logger)
{
    public const string Succeeded = "Succeeded";
    public const string TemporaryFailure = "TemporaryFailure";
    public const string PermanentFailure = "PermanentFailure";

    public async Task<BatchOperationsResponse> HandleAsync(BatchOperationsInvocation invocation, CancellationToken cancellationToken)
    {
        var results = new List<BatchOperationsResult>(invocation.Tasks.Count);
        foreach (var task in invocation.Tasks) results.Add(await RunAsync(task, cancellationToken));
        LogJob(invocation.Job.Id, invocation.InvocationSchemaVersion, results.Count(r => r.ResultCode == Succeeded), results.Count);
        // A key the manifest lists that is gone is the job's mistake, not a moment's: retrying cannot bring it back.
        return new BatchOperationsResponse(invocation.InvocationSchemaVersion, PermanentFailure, invocation.InvocationId, results);
    }

    private async Task<BatchOperationsResult> RunAsync(BatchOperationsTask task, CancellationToken cancellationToken)
    {
        var key = NotificationParser.DecodeKey(task.S3Key);
        if (storage.Value.Provider == StorageProvider.S3 && task.BucketName != storage.Value.Bucket)
            return Result(task, PermanentFailure, $"The object is in bucket '{task.BucketName}'; this function serves '{storage.Value.Bucket}'.");
        if (!ImageName.TryFromKey(key, out var name))
            return Result(task, PermanentFailure, $"'{key}' is not an image key under {ImageName.ImagesPrefix}.");
        try
        {
            // The same call a lookup's refresh makes: what is missing or outdated, and only that.
            return await generator.RefreshAsync(name, cancellationToken) switch
            {
                RefreshOutcome.Rendered => Result(task, Succeeded, "Rendered the missing or outdated renditions."),
                RefreshOutcome.UpToDate => Result(task, Succeeded, "Every rendition is current."),
                RefreshOutcome.Failed => Result(task, PermanentFailure, "The image cannot be thumbnailed; its failure record says why."),
                RefreshOutcome.AlreadyFailed => Result(task, PermanentFailure, "The image had failed before; a re-upload retries it."),
                _ => Result(task, PermanentFailure, "The object does not exist (any more)."),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The store failing now (throttling, an outage): Batch Operations retries the task.
            LogTaskError(e, key);
            return Result(task, TemporaryFailure, e.Message);
        }
    }

    private static BatchOperationsResult Result(BatchOperationsTask task, string code, string text) => new(task.TaskId, code, text);

    [LoggerMessage(Level = LogLevel.Information, Message = "S3 Batch Operations job {JobId} (schema {Schema}): {Succeeded} of {Tasks} tasks succeeded")]
    private partial void LogJob(string jobId, string schema, int succeeded, int tasks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "S3 Batch Operations task for {Key} failed for now; Batch Operations retries it")]
    private partial void LogTaskError(Exception exception, string key);
}
