namespace ThumbApi.Storage;

/// <summary>One S3 notification, whatever envelope it came in, with its key decoded.</summary>
/// <param name="EventName">For example <c>ObjectCreated:Post</c>, or <c>s3:TestEvent</c>.</param>
public sealed record ObjectNotification(string EventName, string Bucket, string Key, long? Size, string? ETag, string? Sequencer)
{
    public const string TestEventName = "s3:TestEvent";

    public bool IsObjectCreated => EventName.StartsWith("ObjectCreated:", StringComparison.Ordinal);

    /// <summary>
    /// <c>ObjectRemoved:Delete</c>, <c>ObjectRemoved:DeleteMarkerCreated</c> in a versioned bucket, or a lifecycle
    /// rule's <c>LifecycleExpiration:*</c>: whoever removed it, the original is gone.
    /// </summary>
    public bool IsObjectRemoved =>
        EventName.StartsWith("ObjectRemoved:", StringComparison.Ordinal) || EventName.StartsWith("LifecycleExpiration:", StringComparison.Ordinal);
}
