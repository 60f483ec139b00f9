using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Notifications;

/// <summary>Turns each image event into a Standard Webhooks message and queues it; nothing when no receiver is set.</summary>
public sealed class WebhookImageEvents(IWebhookQueue queue, IOptions<NotificationOptions> options, IOptions<PresetOptions> presets, TimeProvider time)
    : IImageEvents
{
    public const string ImageReady = "image.ready";
    public const string ImageFailed = "image.failed";
    public const string ImageDeleted = "image.deleted";

    public Task ReadyAsync(ImageName name, ImageDetails details, CancellationToken cancellationToken)
    {
        var links = ImageLinks.Thumbnails(name, presets.Value.PresetList)
            .ToDictionary(link => link.Key, link => Absolute(link.Value));
        return SendAsync(ImageReady, new WebhookData(name.Value, links, details.Width, details.Height), cancellationToken);
    }

    public Task FailedAsync(ImageName name, string reason, CancellationToken cancellationToken) =>
        SendAsync(ImageFailed, new WebhookData(name.Value, Reason: reason), cancellationToken);

    public Task DeletedAsync(ImageName name, CancellationToken cancellationToken) =>
        SendAsync(ImageDeleted, new WebhookData(name.Value), cancellationToken);

    private Task SendAsync(string type, WebhookData data, CancellationToken cancellationToken) =>
        options.Value.WebhookUrl is null
            ? Task.CompletedTask
            : queue.EnqueueAsync(WebhookMessage.Create(type, time.GetUtcNow(), data), cancellationToken);

    // The lookup URLs, not presigned ones: they never expire, and each answers with a fresh short-lived redirect.
    // Joined as text: the path is escaped already (Uri.ToString would unescape it), and a base's own path is kept.
    private string Absolute(string path) =>
        options.Value.PublicBaseUrl is { } baseUrl ? baseUrl.AbsoluteUri.TrimEnd('/') + path : path;
}
