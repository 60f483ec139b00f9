using System.Net;
using System.Text.Json;
using ThumbApi.Storage;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>
/// Reads the S3 notifications out of an SNS delivery (each <c>Sns.Message</c> a JSON S3 event), a bare S3 event
/// (S3 wired straight to Lambda) or S3's test event, and decodes object keys with form semantics.
/// </summary>
public static class NotificationParser
{
    /// <exception cref="MalformedEventException">The payload is none of the accepted shapes.</exception>
    public static IReadOnlyList<ObjectNotification> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The event is not valid JSON: {e.Message}", e);
        }
        using (document) return Parse(document.RootElement);
    }

    /// <exception cref="MalformedEventException">The payload is none of the accepted shapes.</exception>
    public static IReadOnlyList<ObjectNotification> Parse(JsonElement root)
    {
        try
        {
            return ParseEvent(root);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The event is not valid JSON: {e.Message}", e);
        }
    }

    private static List<ObjectNotification> ParseEvent(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new MalformedEventException("The event is not a JSON object.");
        if (root.TryGetProperty("Event", out var testEvent) && testEvent.ValueKind == JsonValueKind.String)
        {
            var test = root.Deserialize(EnvelopeJsonContext.Default.S3TestEvent)!;
            return [new ObjectNotification(test.Event, test.Bucket ?? "", "", null, null, null)];
        }
        if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
            throw new MalformedEventException("The event has no Records array and is not an S3 test event.");

        var notifications = new List<ObjectNotification>();
        foreach (var record in records.EnumerateArray())
        {
            if (SourceOf(record, "EventSource") == "aws:sns")
            {
                var sns = record.Deserialize(EnvelopeJsonContext.Default.SnsRecord)
                    ?? throw new MalformedEventException("An SNS record is null.");
                notifications.AddRange(ParseMessage(sns.Sns.Message));
            }
            else if (SourceOf(record, "eventSource") == "aws:s3")
            {
                var s3 = record.Deserialize(EnvelopeJsonContext.Default.S3EventRecord)
                    ?? throw new MalformedEventException("An S3 record is null.");
                notifications.Add(new ObjectNotification(s3.EventName, s3.S3.Bucket.Name, DecodeKey(s3.S3.Object.Key),
                    s3.S3.Object.Size, s3.S3.Object.ETag, s3.S3.Object.Sequencer));
            }
            else
            {
                throw new MalformedEventException("A record is neither an SNS delivery nor an S3 notification.");
            }
        }
        return notifications;
    }

    /// <summary>An SNS message is itself a JSON document: the S3 event, as a string.</summary>
    private static List<ObjectNotification> ParseMessage(string message)
    {
        using var document = JsonDocument.Parse(message);
        return ParseEvent(document.RootElement);
    }

    /// <summary>S3 encodes keys like an HTML form: <c>+</c> is a space and <c>%2B</c> a plus.</summary>
    public static string DecodeKey(string encoded) => WebUtility.UrlDecode(encoded);

    private static string? SourceOf(JsonElement record, string property) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
