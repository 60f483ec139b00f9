namespace ThumbApi.Notifications.EventBridge;

/// <summary>EventBridge did not take an event: the event's delivery fails, so that it is retried and the event put.</summary>
public sealed class EventBridgeUnavailableException(string message, Exception? innerException) : Exception(message, innerException);
