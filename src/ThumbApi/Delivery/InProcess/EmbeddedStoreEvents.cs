using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;

namespace ThumbApi.Delivery.InProcess;

/// <summary>Turns each object the embedded store writes into the delivery S3 → SNS → Lambda would make of it.</summary>
public sealed class EmbeddedStoreEvents(SnsEnvelopeFactory envelopes, InProcessEventQueue queue) : IStoreEvents
{
    public void ObjectCreated(StoredObject stored) => queue.Publish(envelopes.ObjectCreated(stored));
}
