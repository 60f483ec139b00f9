using System.Net;
using System.Text.Json;
using ThumbApi.Storage;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>
/// Builds exactly what S3 → SNS → Lambda would deliver for an upload, so that the thumbnail handler cannot tell
/// the embedded store from AWS: an SNS record whose message is an S3 <c>ObjectCreated:Post</c> (or
/// <c>ObjectRemoved:Delete</c>) event with the key URL-encoded (spaces as <c>+</c>).
/// </summary>
public sealed class SnsEnvelopeFactory(TimeProvider time)
{
    public const string BucketName = "local";
    private const string TopicArn = "arn:aws:sns:local:000000000000:thumbapi-local";
    private long _sequence;

    public string ObjectCreated(StoredObject stored) =>
        Wrap("ObjectCreated:Post", new S3Object(WebUtility.UrlEncode(stored.Key), stored.Size, stored.ETag?.Trim('"'), NextSequencer()));

    /// <summary>As S3 announces a <c>DeleteObject</c>: no size, no ETag.</summary>
    public string ObjectRemoved(string key) => Wrap("ObjectRemoved:Delete", new S3Object(WebUtility.UrlEncode(key), Sequencer: NextSequencer()));

    private string Wrap(string eventName, S3Object s3Object)
    {
        var now = time.GetUtcNow();
        var s3Event = new S3Event(
        [
            new S3EventRecord("2.1", "aws:s3", now, eventName,
                new S3Entity(new S3Bucket(BucketName, $"arn:aws:s3:::{BucketName}"), s3Object, SchemaVersion: "1.0"),
                AwsRegion: "local"),
        ]);
        var message = JsonSerializer.Serialize(s3Event, EnvelopeJsonContext.Default.S3Event);
        var snsEvent = new SnsEvent(
        [
            new SnsRecord("aws:sns", "1.0",
                new SnsMessage("Notification", Guid.NewGuid().ToString(), message, now, TopicArn, "Amazon S3 Notification"),
                EventSubscriptionArn: $"{TopicArn}:local"),
        ]);
        return JsonSerializer.Serialize(snsEvent, EnvelopeJsonContext.Default.SnsEvent);
    }

    /// <summary>Like S3's sequencer: hexadecimal, increasing for later events of the same key.</summary>
    private string NextSequencer() => $"{time.GetUtcNow().ToUnixTimeMilliseconds():X12}{Interlocked.Increment(ref _sequence):X8}";
}
