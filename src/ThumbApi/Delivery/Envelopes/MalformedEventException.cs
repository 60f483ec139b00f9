namespace ThumbApi.Delivery.Envelopes;

/// <summary>The event can never be processed; retrying it cannot help, but it must not pass silently either.</summary>
public sealed class MalformedEventException(string message, Exception? inner = null) : Exception(message, inner);
