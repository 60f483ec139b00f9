using System.Threading.Channels;

namespace ThumbApi.Storage.Local;

/// <summary>Event deliveries raised by the embedded store, waiting for the thumbnail worker.</summary>
public sealed class LocalEventQueue
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    public void Publish(string eventJson) => _channel.Writer.TryWrite(eventJson);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
