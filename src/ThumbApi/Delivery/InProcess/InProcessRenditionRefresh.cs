using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;

namespace ThumbApi.Delivery.InProcess;

/// <summary>Outside Lambda, a refresh waits in the same queue as the store's events, for the same worker.</summary>
public sealed class InProcessRenditionRefresh(InProcessEventQueue queue) : IRenditionRefresh
{
    public Task RequestAsync(ImageName name, CancellationToken cancellationToken)
    {
        queue.Publish(RefreshRequest.ToJson(name.Value));
        return Task.CompletedTask;
    }
}
