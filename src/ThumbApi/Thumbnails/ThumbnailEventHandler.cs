using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Thumbnails;

/// <summary>
/// Handles the S3 notifications of one delivery, whether Lambda received it from SNS or it was raised in process:
/// ignores what is not for this service, generates thumbnails for each new image and removes what was made of each
/// removed one.
/// </summary>
public sealed partial class ThumbnailEventHandler(ThumbnailGenerator generator, ImageRemoval removal, ILogger<ThumbnailEventHandler> logger)
{
    public async Task<ThumbnailEventResult> HandleAsync(IReadOnlyList<ObjectNotification> notifications, CancellationToken cancellationToken)
    {
        var result = new ThumbnailEventResult();
        foreach (var notification in notifications)
        {
            if (notification.EventName == ObjectNotification.TestEventName)
            {
                LogIgnored(notification.EventName, notification.Bucket, "S3 test event");
                result.Ignored++;
            }
            else if (!notification.IsObjectCreated && !notification.IsObjectRemoved)
            {
                LogIgnored(notification.EventName, notification.Key, "neither ObjectCreated nor ObjectRemoved");
                result.Ignored++;
            }
            else if (!ImageName.TryFromKey(notification.Key, out var name))
            {
                LogIgnored(notification.EventName, notification.Key, "not an image key under images/");
                result.Ignored++;
            }
            else if (notification.IsObjectRemoved)
            {
                result.Count(await removal.RemoveAsync(name, cancellationToken));
            }
            else
            {
                result.Count(await generator.GenerateAsync(name, notification.ETag, cancellationToken));
            }
        }
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {EventName} for {Key}: {Why}")]
    private partial void LogIgnored(string eventName, string key, string why);
}
