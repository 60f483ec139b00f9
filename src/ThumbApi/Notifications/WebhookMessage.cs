using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Json.Serialization;

namespace ThumbApi.Notifications;

/// <summary>
/// One event as the receiver gets it: its id stays the same across retries (the receiver's key to ignore a
/// duplicate), the body is fixed when the event happens.
/// </summary>
/// <remarks>On Lambda it waits in SQS as its own JSON (<see cref="ToJson"/>), the body kept byte for byte as a string.</remarks>
public sealed partial record WebhookMessage(string Id, string Type, string Body)
{
    public string ToJson() => JsonSerializer.Serialize(this, NotificationsJsonContext.Default.WebhookMessage);

    /// <exception cref="JsonException">Not a message this service queued.</exception>
    public static WebhookMessage FromJson(string json)
    {
        var message = JsonSerializer.Deserialize(json, NotificationsJsonContext.Default.WebhookMessage)
            ?? throw new JsonException("The message is null.");
        // The id and type go into headers and logs: anything but what Create makes is refused here, not by HttpClient.
        return IdPattern().IsMatch(message.Id) && TypePattern().IsMatch(message.Type)
            ? message
            : throw new JsonException("The message's id or type is not one this service makes.");
    }

    [GeneratedRegex("^msg_[0-9a-f]{32}\\z")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^image\\.[a-z]{1,32}\\z")]
    private static partial Regex TypePattern();

    public static WebhookMessage Create(string type, DateTimeOffset at, WebhookData data) => new(
        "msg_" + Guid.NewGuid().ToString("N"),
        type,
        JsonSerializer.Serialize(new WebhookPayload(type, at, data), NotificationsJsonContext.Default.WebhookPayload));
}

/// <summary>The body: <c>{"type", "timestamp", "data"}</c>, the shape the Standard Webhooks specification recommends.</summary>
public sealed record WebhookPayload(string Type, DateTimeOffset Timestamp, WebhookData Data);

/// <param name="Thumbnails">For <c>image.ready</c>: preset → its lookup URL.</param>
/// <param name="Reason">For <c>image.failed</c>.</param>
public sealed record WebhookData(
    string Name,
    IReadOnlyDictionary<string, string>? Thumbnails = null,
    int? Width = null,
    int? Height = null,
    string? Reason = null);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(WebhookPayload))]
[JsonSerializable(typeof(WebhookMessage))]
[JsonSerializable(typeof(WebhookData))]
internal sealed partial class NotificationsJsonContext : JsonSerializerContext;
