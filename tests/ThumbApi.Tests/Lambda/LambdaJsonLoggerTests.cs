using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ThumbApi.Lambda;

namespace ThumbApi.Tests.Lambda;

public sealed class LambdaJsonLoggerTests
{
    [Fact]
    public void A_line_is_on_stdout_before_the_logging_call_returns_with_its_scopes()
    {
        var stdout = new MemoryStream();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 15, 0, 0, 123, TimeSpan.Zero));
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(new LambdaJsonLoggerProvider(clock, stdout)));
        var logger = factory.CreateLogger("ThumbApi.Thumbnails.ThumbnailGenerator");

        using (logger.BeginScope(new Dictionary<string, object> { ["AwsRequestId"] = "8f5c" }))
        using (logger.BeginScope(new Dictionary<string, object> { ["ImageKey"] = "images/a b.jpg" }))
        {
            logger.LogWarning(new EventId(7), "Cannot thumbnail {Key}: {Reason}", "images/a b.jpg", "not \"an\" image");
        }

        var lines = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("2026-11-25T15:00:00.123Z", json.GetProperty("Timestamp").GetString());
        Assert.Equal("Warning", json.GetProperty("LogLevel").GetString());
        Assert.Equal(7, json.GetProperty("EventId").GetInt32());
        Assert.Equal("Cannot thumbnail images/a b.jpg: not \"an\" image", json.GetProperty("Message").GetString());
        Assert.Equal("images/a b.jpg", json.GetProperty("State").GetProperty("Key").GetString());
        var scopes = json.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Equal("8f5c", scopes[0].GetProperty("AwsRequestId").GetString());
        Assert.Equal("images/a b.jpg", scopes[1].GetProperty("ImageKey").GetString());
    }

    [Fact]
    public void An_exception_is_kept_on_the_same_line()
    {
        var stdout = new MemoryStream();
        using var factory = LoggerFactory.Create(logging => logging.AddProvider(new LambdaJsonLoggerProvider(TimeProvider.System, stdout)));

        factory.CreateLogger("Test").LogError(new InvalidOperationException("first\nsecond"), "Delivery failed");

        var line = Assert.Single(Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("first\nsecond", JsonDocument.Parse(line).RootElement.GetProperty("Exception").GetString());
    }
}
