using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Notifications;

/// <summary>Turns each image event into a Standard Webhooks message for the dispatcher; nothing when no receiver is set.</summary>
public sealed class WebhookImageEvents(WebhookDispatcher dispatcher, IOptions<NotificationOptions> options, IOptions<PresetOptions> presets, TimeProvider time)
    : IImageEvents
{
    public const string ImageReady = "image.ready";
    public const string ImageFailed = "image.failed";
    public const string ImageDeleted = "image.deleted";

    public void Ready(ImageName name, ImageDetails details)
    {
        var links = ImageLinks.Thumbnails(name, presets.Value.PresetList)
            .ToDictionary(link => link.Key, link => Absolute(link.Value));
        Send(ImageReady, new WebhookData(name.Value, links, details.Width, details.Height));
    }

    public void Failed(ImageName name, string reason) => Send(ImageFailed, new WebhookData(name.Value, Reason: reason));

    public void Deleted(ImageName name) => Send(ImageDeleted, new WebhookData(name.Value));

    private void Send(string type, WebhookData data)
    {
        if (options.Value.WebhookUrl is null) return;
        dispatcher.Enqueue(WebhookMessage.Create(type, time.GetUtcNow(), data));
    }

    // The lookup URLs, not presigned ones: they never expire, and each answers with a fresh short-lived redirect.
    private string Absolute(string path) =>
        options.Value.PublicBaseUrl is { } baseUrl ? new Uri(baseUrl, path).ToString() : path;
}
