using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Lambda;
using ThumbApi.Notifications;
using ThumbApi.Notifications.EventBridge;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Lambda;

namespace ThumbApi.Tests.Notifications;

/// <summary>With <c>Notifications:EventBusName</c>, the thumbnails function also puts each image event on that EventBridge bus.</summary>
[Collection(InProcessLambdaCollection.Name)]
public sealed class EventBusTests : IAsyncLifetime
{
    private FakeEventBridgeApi _events = null!;

    public async Task InitializeAsync() => _events = await FakeEventBridgeApi.StartAsync();

    public async Task DisposeAsync() => await _events.DisposeAsync();

    private Task<LambdaTestHost> StartAsync(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:EventBusName"] = "thumbapi-events",
            ["Notifications:EventBridgeEndpoint"] = _events.Url.ToString(),
            ["Notifications:PublicBaseUrl"] = "https://thumbs.example.com/",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        // The test's credentials instead of the environment's chain; the rest as composed.
        return LambdaTestHost.StartAsync(LambdaHosting.ThumbnailsHandler, settings, services => services.AddSingleton(sp => new EventBridgePublisher(
            new HttpClient(), _ => Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "session-token")),
            TimeProvider.System, sp.GetRequiredService<IOptions<NotificationOptions>>())));
    }

    private static void PutImage(LambdaTestHost host, string name, string corpusFile)
    {
        var path = Path.Combine(host.StoreRoot, "images", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf(corpusFile), path, overwrite: true);
    }

    [Fact]
    public async Task A_ready_image_is_put_on_the_bus_with_its_data_as_detail_signed_for_EventBridge()
    {
        await using var host = await StartAsync();
        PutImage(host, "My Photo été.jpg", "photo_cups_2560x1600_gps.jpg");
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.False(reply.IsError, reply.Body);
        var call = Assert.Single(_events.Calls);
        Assert.Equal("AWSEvents.PutEvents", call.Target);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", call.Authorization);
        Assert.Contains("/us-east-1/events/aws4_request", call.Authorization);
        Assert.Equal(("thumbapi", "image.ready", "thumbapi-events"),
            (call.Entry["Source"]!.GetValue<string>(), call.Entry["DetailType"]!.GetValue<string>(), call.Entry["EventBusName"]!.GetValue<string>()));
        Assert.InRange(call.Entry["Time"]!.GetValue<long>(), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var detail = JsonNode.Parse(call.Entry["Detail"]!.GetValue<string>())!;
        Assert.Equal("My Photo été.jpg", detail["name"]!.GetValue<string>());
        Assert.Equal("https://thumbs.example.com/thumbnails/My%20Photo%20%C3%A9t%C3%A9.jpg?size=medium", detail["thumbnails"]!["medium"]!.GetValue<string>());
        Assert.Equal(2560, detail["width"]!.GetValue<int>());
    }

    [Fact]
    public async Task Failed_and_deleted_images_are_put_on_the_bus_too_under_the_configured_source()
    {
        await using var host = await StartAsync(("Notifications:EventSource", "com.example.thumbs"));
        PutImage(host, "notes.jpg", "bad_not_an_image.jpg");

        Assert.False((await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-not-an-image"))).IsError);
        Assert.False((await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-object-removed"))).IsError);

        Assert.Equal(["image.failed", "image.deleted"], _events.Calls.Select(c => c.Entry["DetailType"]!.GetValue<string>()));
        Assert.All(_events.Calls, c => Assert.Equal("com.example.thumbs", c.Entry["Source"]!.GetValue<string>()));
        Assert.Contains("not an image", JsonNode.Parse(_events.Calls.First().Entry["Detail"]!.GetValue<string>())!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_entry_EventBridge_refuses_fails_the_invocation_so_that_Lambda_retries_it()
    {
        _events.RefuseWith = "ThrottlingException";
        await using var host = await StartAsync();
        PutImage(host, "My Photo été.jpg", "photo_cups_2560x1600_gps.jpg");

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.True(reply.IsError, reply.Body);
        Assert.Contains(nameof(EventBridgeUnavailableException), reply.Body);
        Assert.Contains("ThrottlingException", reply.Body);
    }

    [Theory]
    [InlineData("Notifications:EventSource", "aws.s3", "Notifications:EventSource must be")]
    [InlineData("Notifications:EventBusName", "bus with spaces", "Notifications:EventBusName must be")]
    public async Task A_bus_or_source_EventBridge_would_refuse_is_refused_at_start_up(string key, string value, string error)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync((key, value)));

        Assert.Contains(error, refused.ToString());
    }

    [Fact]
    public async Task A_bus_in_another_account_is_named_by_its_ARN()
    {
        const string bus = "arn:aws:events:us-east-1:210987654321:event-bus/central";
        await using var host = await StartAsync(("Notifications:EventBusName", bus));
        PutImage(host, "My Photo été.jpg", "photo_cups_2560x1600_gps.jpg");

        Assert.False((await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"))).IsError);

        Assert.Equal(bus, Assert.Single(_events.Calls).Entry["EventBusName"]!.GetValue<string>());
    }
}
