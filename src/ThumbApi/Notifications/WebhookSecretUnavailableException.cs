namespace ThumbApi.Notifications;

/// <summary>Nothing can be signed: the secret's parameter cannot be read, or holds no secret.</summary>
public sealed class WebhookSecretUnavailableException(string message, Exception? innerException) : Exception(message, innerException);
