using System.Text.Json.Serialization;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>An S3 event notification (event structure version 2.x); only the fields the service reads or writes.</summary>
public sealed record S3Event([property: JsonPropertyName("Records")] IReadOnlyList<S3EventRecord> Records);

public sealed record S3EventRecord(
    [property: JsonPropertyName("eventVersion")] string EventVersion,
    [property: JsonPropertyName("eventSource")] string EventSource,
    [property: JsonPropertyName("eventTime")] DateTimeOffset EventTime,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("s3")] S3Entity S3,
    [property: JsonPropertyName("awsRegion")] string? AwsRegion = null);

public sealed record S3Entity(
    [property: JsonPropertyName("bucket")] S3Bucket Bucket,
    [property: JsonPropertyName("object")] S3Object Object,
    [property: JsonPropertyName("s3SchemaVersion")] string? SchemaVersion = null);

public sealed record S3Bucket(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arn")] string? Arn = null);

/// <param name="Key">URL-encoded with form semantics: a space arrives as <c>+</c>.</param>
/// <param name="Size">Absent from delete events.</param>
public sealed record S3Object(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("size")] long? Size = null,
    [property: JsonPropertyName("eTag")] string? ETag = null,
    [property: JsonPropertyName("sequencer")] string? Sequencer = null);

/// <summary>The message S3 sends once when a notification configuration is saved.</summary>
public sealed record S3TestEvent(
    [property: JsonPropertyName("Event")] string Event,
    [property: JsonPropertyName("Service")] string? Service = null,
    [property: JsonPropertyName("Bucket")] string? Bucket = null);
