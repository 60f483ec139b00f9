namespace ThumbApi.Delivery.InProcess;

/// <summary>
/// Plays Lambda's part outside Lambda: hands each queued event to the thumbnail handler off the request path, and
/// retries a failed delivery twice, as Lambda does for asynchronous invocations.
/// </summary>
public sealed partial class InProcessDeliveryWorker(
    InProcessEventQueue queue,
    DeliveryDispatcher dispatcher,
    ILogger<InProcessDeliveryWorker> logger) : BackgroundService
{
    private const int Attempts = 3;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Parallel.ForEachAsync(queue.ReadAllAsync(stoppingToken),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = stoppingToken },
            DeliverAsync);

    private async ValueTask DeliverAsync(string eventJson, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dispatcher.DispatchAsync(eventJson, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < Attempts)
            {
                LogRetrying(e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogGaveUp(e, Attempts);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event delivery failed on attempt {Attempt}; retrying")]
    private partial void LogRetrying(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Event delivery failed {Attempts} times; giving up")]
    private partial void LogGaveUp(Exception exception, int attempts);
}
