using ThumbApi.Storage;
using ThumbApi.Thumbnails.Events;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Handles one event delivery, whether Lambda received it from SNS or the embedded store raised it: parses it,
/// ignores what is not for this service, and generates thumbnails for each new image.
/// </summary>
public sealed partial class ThumbnailEventHandler(
    ThumbnailGenerator generator,
    ThumbnailBackfill backfill,
    ILogger<ThumbnailEventHandler> logger)
{
    /// <summary>Handles an event delivery, or a <c>{"backfill": {…}}</c> request sent by an operator.</summary>
    /// <exception cref="MalformedEventException">The payload is not an event this handler understands.</exception>
    public async Task<ThumbnailEventResult> HandleAsync(string eventJson, CancellationToken cancellationToken)
    {
        var result = new ThumbnailEventResult();
        if (NotificationParser.TryParseBackfill(eventJson) is { } request)
        {
            result.Backfill = await backfill.RunAsync(request, cancellationToken);
            return result;
        }
        foreach (var notification in NotificationParser.Parse(eventJson))
        {
            if (notification.EventName == ObjectNotification.TestEventName)
            {
                LogIgnored(notification.EventName, notification.Bucket, "S3 test event");
                result.Ignored++;
            }
            else if (!notification.IsObjectCreated)
            {
                LogIgnored(notification.EventName, notification.Key, "not an ObjectCreated event");
                result.Ignored++;
            }
            else if (!BucketLayout.TryGetImageName(notification.Key, out var name))
            {
                LogIgnored(notification.EventName, notification.Key, "not an image key under images/");
                result.Ignored++;
            }
            else
            {
                switch (await generator.GenerateAsync(name, notification.ETag, cancellationToken))
                {
                    case ThumbnailOutcome.Generated: result.Generated++; break;
                    case ThumbnailOutcome.Failed: result.Failed++; break;
                    default: result.Skipped++; break;
                }
            }
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {EventName} for {Key}: {Why}")]
    private partial void LogIgnored(string eventName, string key, string why);
}

/// <summary>What one delivery did; the Lambda function returns it as its response.</summary>
public sealed class ThumbnailEventResult
{
    public int Generated { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public int Ignored { get; set; }

    /// <summary>What a backfill request did, including where its next page starts.</summary>
    public BackfillResult? Backfill { get; set; }
}
