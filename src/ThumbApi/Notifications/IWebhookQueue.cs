namespace ThumbApi.Notifications;

/// <summary>Where a webhook waits for its delivery: this process's memory, or (on Lambda) an SQS queue.</summary>
public interface IWebhookQueue
{
    /// <summary>Queues the first attempt and returns without waiting for the receiver.</summary>
    /// <exception cref="WebhookQueueUnavailableException">The queue did not take the message.</exception>
    Task EnqueueAsync(WebhookMessage message, CancellationToken cancellationToken);
}
