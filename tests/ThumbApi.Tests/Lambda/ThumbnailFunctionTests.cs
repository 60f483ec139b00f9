using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Delivery.InProcess;
using ThumbApi.Lambda;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.LambdaLocal;

namespace ThumbApi.Tests.Lambda;

public sealed class ThumbnailHostFixture : IAsyncLifetime
{
    public LambdaTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await LambdaTestHost.StartAsync(LambdaHosting.ThumbnailsHandler);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

[Collection(InProcessLambdaCollection.Name)]
public sealed class ThumbnailFunctionTests(ThumbnailHostFixture fixture) : IClassFixture<ThumbnailHostFixture>
{
    private string StorePath(string key) => Path.Combine(fixture.Host.StoreRoot, key);

    private void PutImage(string name, string corpusFile)
    {
        var path = StorePath("images/" + name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf(corpusFile), path, overwrite: true);
    }

    private static JsonElement Result(RuntimeReply reply)
    {
        Assert.False(reply.IsError, reply.Body);
        return JsonDocument.Parse(reply.Body).RootElement;
    }

    /// <summary>The body of an invocation error, which Lambda reports as <c>Unhandled</c>.</summary>
    private static JsonElement Error(RuntimeReply reply)
    {
        Assert.True(reply.IsError, reply.Body);
        Assert.Equal("Unhandled", reply.ErrorType);
        Assert.Equal("application/vnd.aws.lambda.error+json", reply.ContentType);
        return JsonDocument.Parse(reply.Body).RootElement;
    }

    /// <summary>A count of the handler's result, whatever the casing its JSON contract settles on.</summary>
    public static int Count(JsonElement result, string name) =>
        result.EnumerateObject().Single(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value.GetInt32();

    [Fact]
    public void EventsComeOnlyFromLambdaAndNoHttpServerRuns()
    {
        var background = fixture.Host.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        Assert.Contains(typeof(LambdaRuntimeLoop), background);
        Assert.DoesNotContain(background, type => type.Namespace == typeof(InProcessDeliveryWorker).Namespace);
        Assert.IsType<EventOnlyServer>(fixture.Host.Services.GetRequiredService<IServer>());
    }

    [Fact]
    public async Task SnsRecordWithFormEncodedKeyWritesThumbnailsOfTheDecodedName()
    {
        PutImage("My Photo été.jpg", "photo_cups_2560x1600_gps.jpg");

        var result = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key")));

        Assert.Equal(1, Count(result, "Generated"));
        Assert.True(File.Exists(StorePath("thumbnails/My Photo été.jpg.small.png")));
        Assert.True(File.Exists(StorePath("thumbnails/My Photo été.jpg.medium.webp")));
    }

    [Theory]
    [InlineData("sns-object-removed")]
    [InlineData("sns-delete-marker-created")]
    public async Task RemovedOriginalTakesItsThumbnailsAndRecordsWithIt(string eventName)
    {
        PutImage("holiday/removed photo.jpg", "photo_cups_2560x1600_gps.jpg");
        var made = Result(await fixture.Host.Runtime.InvokeAsync(RefreshRequest.ToJson("holiday/removed photo.jpg")));
        Assert.Equal("Rendered", made.GetProperty("refresh").GetString());
        File.Delete(StorePath("images/holiday/removed photo.jpg"));

        var result = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load(eventName)));

        Assert.Equal(1, Count(result, "Removed"));
        Assert.Empty(Directory.EnumerateFiles(StorePath("thumbnails/holiday"), "removed photo.jpg.*"));
    }

    [Theory]
    [InlineData("batch-operations-1.0")]
    [InlineData("batch-operations-2.0")]
    public async Task BatchOperationsTaskRendersWhatIsMissingAndAnswersPerTaskInItsSchema(string eventName)
    {
        PutImage("holiday/batch photo.jpg", "photo_cups_2560x1600_gps.jpg");
        // The host is shared: what the other schema's run made goes first.
        if (Directory.Exists(StorePath("thumbnails/holiday")))
            foreach (var made in Directory.GetFiles(StorePath("thumbnails/holiday"), "batch photo.jpg.*")) File.Delete(made);

        var first = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load(eventName)));
        var second = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load(eventName)));

        var schema = eventName[^3..];
        Assert.Equal(schema, first.GetProperty("invocationSchemaVersion").GetString());
        Assert.Equal("YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo", first.GetProperty("invocationId").GetString());
        Assert.Equal("PermanentFailure", first.GetProperty("treatMissingKeysAs").GetString());
        var results = first.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal("dGFza2lkZ29lc2hlcmUK", results[0].GetProperty("taskId").GetString());
        Assert.Equal(("Succeeded", "Rendered the missing or outdated renditions."),
            (results[0].GetProperty("resultCode").GetString(), results[0].GetProperty("resultString").GetString()));
        Assert.True(File.Exists(StorePath("thumbnails/holiday/batch photo.jpg.small.png")));
        Assert.Equal("Every rendition is current.", second.GetProperty("results")[0].GetProperty("resultString").GetString());
        if (schema == "2.0")
        {
            Assert.Equal(3, results.Count);
            Assert.Equal("PermanentFailure", results[1].GetProperty("resultCode").GetString());
            Assert.Equal("PermanentFailure", results[2].GetProperty("resultCode").GetString());
            Assert.Contains("not an image key", results[2].GetProperty("resultString").GetString());
        }
    }

    [Theory]
    [InlineData("""{"invocationSchemaVersion":"3.0","invocationId":"x","job":{"id":"j"},"tasks":[]}""")]
    [InlineData("""{"invocationSchemaVersion":"1.0","invocationId":"x","job":{"id":"j"},"tasks":[{"taskId":"t"}]}""")]
    [InlineData("""{"invocationSchemaVersion":"1.0","tasks":"all of them"}""")]
    public async Task MalformedBatchOperationsInvocationIsAnInvocationError(string payload)
    {
        var error = Error(await fixture.Host.Runtime.InvokeAsync(payload));

        Assert.Equal("MalformedEventException", error.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task ImageThatCanNeverBeThumbnailedIsRecordedAndSucceeds()
    {
        PutImage("notes.jpg", "bad_not_an_image.jpg");

        var result = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-not-an-image")));

        Assert.Equal(1, Count(result, "Failed"));
        Assert.True(File.Exists(StorePath("thumbnails/notes.jpg.failed.json")));
    }

    [Fact]
    public async Task S3TestEventIsIgnoredWithSuccess()
    {
        var result = Result(await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-s3-test-event")));

        Assert.Equal(1, Count(result, "Ignored"));
    }

    [Fact]
    public async Task MalformedMessageIsAnInvocationError()
    {
        var reply = await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-malformed-message"));

        Assert.True(reply.IsError);
        Assert.Equal("Unhandled", reply.ErrorType);
        using var error = JsonDocument.Parse(reply.Body);
        Assert.Equal("MalformedEventException", error.RootElement.GetProperty("errorType").GetString());
        Assert.False(string.IsNullOrEmpty(error.RootElement.GetProperty("errorMessage").GetString()));
        Assert.NotEmpty(error.RootElement.GetProperty("stackTrace").EnumerateArray());
    }

    [Fact]
    public async Task StorageFailureIsAnInvocationErrorSoThatLambdaRetries()
    {
        PutImage("syn_12mp_4000x3000_q90.jpg", "syn_12mp_4000x3000_q90.jpg");
        // A file where the thumbnails folder belongs: every write fails, as an unreachable bucket would.
        var thumbnails = StorePath("thumbnails");
        var moved = thumbnails + ".moved";
        if (Directory.Exists(thumbnails)) Directory.Move(thumbnails, moved);
        await File.WriteAllTextAsync(thumbnails, "in the way");
        try
        {
            var reply = await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-12mp-image"));

            // Exactly the store's failure, not whatever exception: a bug elsewhere must not pass for a storage outage.
            var error = Error(reply);
            Assert.Equal("IOException", error.GetProperty("errorType").GetString());
            Assert.Contains(thumbnails, error.GetProperty("errorMessage").GetString());
        }
        finally
        {
            File.Delete(thumbnails);
            if (Directory.Exists(moved)) Directory.Move(moved, thumbnails);
        }
    }

    [Fact]
    public async Task DeadlineCancelsTheHandlerAndReportsAnInvocationError()
    {
        PutImage("syn_12mp_4000x3000_q90.jpg", "syn_12mp_4000x3000_q90.jpg");

        // The deadline is already inside the safety margin: the handler gets a cancelled token.
        var reply = await fixture.Host.Runtime.InvokeAsync(GoldenEvents.Load("sns-12mp-image"), timeout: TimeSpan.FromMilliseconds(100));

        Assert.Equal("DeadlineExceeded", Error(reply).GetProperty("errorType").GetString());
    }
}
