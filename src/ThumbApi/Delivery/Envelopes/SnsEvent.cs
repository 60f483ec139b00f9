using System.Text.Json.Serialization;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>What Lambda receives from an SNS subscription; only the fields the service reads or writes.</summary>
public sealed record SnsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SnsRecord> Records);

public sealed record SnsRecord(
    [property: JsonPropertyName("EventSource")] string EventSource,
    [property: JsonPropertyName("EventVersion")] string EventVersion,
    [property: JsonPropertyName("Sns")] SnsMessage Sns,
    [property: JsonPropertyName("EventSubscriptionArn")] string? EventSubscriptionArn = null);

/// <param name="Message">The S3 event, as a JSON string.</param>
public sealed record SnsMessage(
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("MessageId")] string MessageId,
    [property: JsonPropertyName("Message")] string Message,
    [property: JsonPropertyName("Timestamp")] DateTimeOffset Timestamp,
    [property: JsonPropertyName("TopicArn")] string? TopicArn = null,
    [property: JsonPropertyName("Subject")] string? Subject = null);
