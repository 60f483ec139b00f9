namespace ThumbApi.Notifications;

/// <summary>The queue did not take a webhook: the event's delivery fails, so that it is retried and the event told.</summary>
public sealed class WebhookQueueUnavailableException(string message, Exception innerException) : Exception(message, innerException);
