using System.Text.Json.Serialization;

namespace ThumbApi.Thumbnails.Events;

/// <summary>What Lambda receives from an SNS subscription; only the fields the service reads or writes.</summary>
public sealed record SnsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SnsRecord> Records);

public sealed record SnsRecord(
    [property: JsonPropertyName("EventSource")] string EventSource,
    [property: JsonPropertyName("EventVersion")] string EventVersion,
    [property: JsonPropertyName("EventSubscriptionArn")] string? EventSubscriptionArn,
    [property: JsonPropertyName("Sns")] SnsMessage Sns);

public sealed record SnsMessage(
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("MessageId")] string MessageId,
    [property: JsonPropertyName("TopicArn")] string? TopicArn,
    [property: JsonPropertyName("Subject")] string? Subject,
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("Timestamp")] DateTimeOffset Timestamp);
