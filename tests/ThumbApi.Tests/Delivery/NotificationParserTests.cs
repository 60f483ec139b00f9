using System.Text.Json;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;

namespace ThumbApi.Tests.Delivery;

/// <summary>The envelopes S3 notifications arrive in, read field by field; no app, no store.</summary>
public sealed class NotificationParserTests
{
    private static string S3Record(string key, string eventName = "ObjectCreated:Put") => $$$$"""
        {"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-11-25T15:00:00.000Z","eventName":"{{{{eventName}}}}","s3":{"bucket":{"name":"thumbapi-example"},
         "object":{"key":"{{{{key}}}}","size":698472,"eTag":"d41d8cd98f00b204e9800998ecf8427e","sequencer":"0055AED6DCD90281E5"}}}
        """;

    private static string SnsRecord(string message) =>
        $$$"""{"EventSource":"aws:sns","EventVersion":"1.0","Sns":{"Type":"Notification","MessageId":"95df01b4","Timestamp":"2026-11-25T15:00:00.123Z","Message":{{{JsonSerializer.Serialize(message)}}}}}""";

    private static string Records(params string[] records) => $$"""{"Records":[{{string.Join(',', records)}}]}""";

    [Fact]
    public void A_bare_S3_event_gives_every_field_with_the_key_decoded()
    {
        var notification = Assert.Single(NotificationParser.Parse(Records(S3Record("images/Bare+S3%2Bevent.jpg"))));

        Assert.Equal(new ObjectNotification("ObjectCreated:Put", "thumbapi-example", "images/Bare S3+event.jpg",
            698472, "d41d8cd98f00b204e9800998ecf8427e", "0055AED6DCD90281E5"), notification);
    }

    [Fact]
    public void Every_S3_record_of_every_SNS_delivery_is_read_in_order()
    {
        var json = Records(
            SnsRecord(Records(S3Record("images/a.jpg"), S3Record("images/b.jpg", "ObjectRemoved:Delete"))),
            SnsRecord(Records(S3Record("images/c.jpg"))));

        var notifications = NotificationParser.Parse(json);

        Assert.Equal(["images/a.jpg", "images/b.jpg", "images/c.jpg"], notifications.Select(n => n.Key));
        Assert.Equal(["ObjectCreated:Put", "ObjectRemoved:Delete", "ObjectCreated:Put"], notifications.Select(n => n.EventName));
    }

    [Fact]
    public void The_S3_test_event_is_one_notification_without_a_key()
    {
        const string test = """{"Service":"Amazon S3","Event":"s3:TestEvent","Bucket":"thumbapi-example"}""";

        Assert.Equal(new ObjectNotification(ObjectNotification.TestEventName, "thumbapi-example", "", null, null, null),
            Assert.Single(NotificationParser.Parse(test)));
        Assert.Equal(new ObjectNotification(ObjectNotification.TestEventName, "thumbapi-example", "", null, null, null),
            Assert.Single(NotificationParser.Parse(Records(SnsRecord(test)))));
        Assert.Equal("", Assert.Single(NotificationParser.Parse("""{"Event":"s3:TestEvent"}""")).Bucket);
    }

    [Fact]
    public void An_SNS_message_that_is_not_an_S3_event_object_is_malformed()
    {
        var error = Assert.Throws<MalformedEventException>(() => NotificationParser.Parse(Records(SnsRecord("[1]"))));

        Assert.Equal("The event is not a JSON object.", error.Message);
    }

    [Fact]
    public void An_empty_Records_array_is_no_notification()
    {
        Assert.Empty(NotificationParser.Parse("""{"Records":[]}"""));
    }

    [Theory]
    [InlineData("not json", "The event is not valid JSON: ")]
    [InlineData("[]", "The event is not a JSON object.")]
    [InlineData("\"Records\"", "The event is not a JSON object.")]
    [InlineData("{}", "The event has no Records array and is not an S3 test event.")]
    [InlineData("""{"Records":{}}""", "The event has no Records array and is not an S3 test event.")]
    [InlineData("""{"Event":1}""", "The event has no Records array and is not an S3 test event.")]
    [InlineData("""{"Records":[1]}""", "A record is neither an SNS delivery nor an S3 notification.")]
    [InlineData("""{"Records":[{"EventSource":"aws:s3"}]}""", "A record is neither an SNS delivery nor an S3 notification.")]
    [InlineData("""{"Records":[{"eventSource":"aws:sns"}]}""", "A record is neither an SNS delivery nor an S3 notification.")]
    [InlineData("""{"Records":[{"eventSource":1}]}""", "A record is neither an SNS delivery nor an S3 notification.")]
    [InlineData("""{"Records":[{"EventSource":"aws:sns","Sns":{"Message":"not json"}}]}""", "The event is not valid JSON: ")]
    [InlineData("""{"Records":[{"eventSource":"aws:s3","s3":1}]}""", "The event is not valid JSON: ")]
    public void Anything_else_is_malformed_and_says_why(string json, string reason)
    {
        var error = Assert.Throws<MalformedEventException>(() => NotificationParser.Parse(json));

        Assert.StartsWith(reason, error.Message);
    }

    [Theory]
    [InlineData("images/a+b.jpg", "images/a b.jpg")]
    [InlineData("images/a%2Bb.jpg", "images/a+b.jpg")]
    [InlineData("images/%C3%A9t%C3%A9.jpg", "images/été.jpg")]
    [InlineData("images/plain.jpg", "images/plain.jpg")]
    public void Keys_are_decoded_as_S3_encodes_them_like_a_form(string encoded, string key) =>
        Assert.Equal(key, NotificationParser.DecodeKey(encoded));
}
