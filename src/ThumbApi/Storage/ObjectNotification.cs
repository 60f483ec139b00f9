namespace ThumbApi.Storage;

/// <summary>One S3 notification, whatever envelope it came in, with its key decoded.</summary>
/// <param name="EventName">For example <c>ObjectCreated:Post</c>, or <c>s3:TestEvent</c>.</param>
public sealed record ObjectNotification(string EventName, string Bucket, string Key, long? Size, string? ETag, string? Sequencer)
{
    public const string TestEventName = "s3:TestEvent";

    public bool IsObjectCreated => EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal);

    /// <summary><c>ObjectRemoved:Delete</c>, or <c>ObjectRemoved:DeleteMarkerCreated</c> in a versioned bucket.</summary>
    public bool IsObjectRemoved => EventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal);
}
