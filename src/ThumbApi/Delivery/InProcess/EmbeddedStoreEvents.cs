using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;
using ThumbApi.Storage;

namespace ThumbApi.Delivery.InProcess;

/// <summary>
/// Turns each object the embedded store writes or removes under <c>images/</c> into the delivery S3 → SNS → Lambda
/// would make of it; the bucket's notification is filtered on that prefix too, so removed thumbnails announce nothing.
/// </summary>
public sealed class EmbeddedStoreEvents(SnsEnvelopeFactory envelopes, InProcessEventQueue queue) : IStoreEvents
{
    public void ObjectCreated(StoredObject stored)
    {
        if (stored.Key.StartsWith(ImageName.ImagesPrefix, StringComparison.Ordinal)) queue.Publish(envelopes.ObjectCreated(stored));
    }

    public void ObjectRemoved(string key)
    {
        if (key.StartsWith(ImageName.ImagesPrefix, StringComparison.Ordinal)) queue.Publish(envelopes.ObjectRemoved(key));
    }
}
