using System.Threading.Channels;

namespace ThumbApi.Delivery.InProcess;

/// <summary>Event deliveries raised in this process, waiting for <see cref="InProcessDeliveryWorker"/>.</summary>
public sealed class InProcessEventQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    public void Publish(string eventJson) => _channel.Writer.TryWrite(eventJson);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
