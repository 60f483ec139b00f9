using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Notifications.EventBridge;
using ThumbApi.Thumbnails;

namespace ThumbApi.Notifications;

/// <summary>
/// Tells each image event to whoever is configured: the webhook receiver, as a signed Standard Webhooks message put
/// in its queue, and an EventBridge bus, the same data as an event's detail.
/// </summary>
/// <param name="webhooks">The receiver's queue, or <c>null</c> without a receiver.</param>
/// <param name="bus">The bus, or <c>null</c> without one.</param>
public sealed class ImageEventPublisher(
    IWebhookQueue? webhooks, EventBridgePublisher? bus, ImageLinkBase linkBase, IOptions<PresetOptions> presets, TimeProvider time)
    : IImageEvents
{
    public const string ImageReady = "image.ready";
    public const string ImageFailed = "image.failed";
    public const string ImageDeleted = "image.deleted";

    public async Task ReadyAsync(ImageName name, ImageDetails details, CancellationToken cancellationToken)
    {
        // The lookup URLs, not presigned ones: they never expire, and each answers with a fresh short-lived redirect.
        // Joined as text: the path is escaped already (Uri.ToString would unescape it), and a base's own path is kept.
        var baseUrl = (await linkBase.GetAsync(cancellationToken))?.AbsoluteUri.TrimEnd('/') ?? "";
        var links = ImageLinks.Thumbnails(name, presets.Value.PresetList).ToDictionary(link => link.Key, link => baseUrl + link.Value);
        await PublishAsync(ImageReady, new WebhookData(name.Value, links, details.Width, details.Height), cancellationToken);
    }

    public Task FailedAsync(ImageName name, string reason, CancellationToken cancellationToken) =>
        PublishAsync(ImageFailed, new WebhookData(name.Value, Reason: reason), cancellationToken);

    public Task DeletedAsync(ImageName name, CancellationToken cancellationToken) =>
        PublishAsync(ImageDeleted, new WebhookData(name.Value), cancellationToken);

    private async Task PublishAsync(string type, WebhookData data, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        if (webhooks is not null) await webhooks.EnqueueAsync(WebhookMessage.Create(type, at, data), cancellationToken);
        if (bus is not null) await bus.PutAsync(type, at, data, cancellationToken);
    }
}
