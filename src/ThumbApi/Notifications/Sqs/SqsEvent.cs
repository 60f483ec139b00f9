using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThumbApi.Notifications.Sqs;

/// <summary>
/// What Lambda's SQS poller invokes a function with: a batch of messages.
/// https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
/// </summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsRecord> Records)
{
    /// <exception cref="JsonException">The payload is not an SQS event.</exception>
    public static SqsEvent FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, SqsJsonContext.Default.SqsEvent) ?? throw new JsonException("The event is null.");
}

/// <param name="Attributes">The system attributes; <c>ApproximateReceiveCount</c> counts this delivery too.</param>
public sealed record SqsRecord(string MessageId, string ReceiptHandle, string Body, IReadOnlyDictionary<string, string>? Attributes)
{
    /// <summary>Which attempt this is, from 1.</summary>
    public int ReceiveCount =>
        Attributes?.TryGetValue("ApproximateReceiveCount", out var count) == true
        && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1
            ? value
            : 1;
}

/// <summary>
/// The answer that keeps only the failed messages in the queue (the event source mapping's
/// <c>ReportBatchItemFailures</c>); the others are deleted by Lambda.
/// </summary>
public sealed record SqsBatchResponse(IReadOnlyList<SqsBatchItemFailure> BatchItemFailures)
{
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, SqsJsonContext.Default.SqsBatchResponse);
}

public sealed record SqsBatchItemFailure(string ItemIdentifier);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SqsEvent))]
[JsonSerializable(typeof(SqsBatchResponse))]
internal sealed partial class SqsJsonContext : JsonSerializerContext;
