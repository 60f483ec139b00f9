using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Lambda;
using ThumbApi.LambdaLocal;
using ThumbApi.Notifications;
using ThumbApi.Notifications.Sqs;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Lambda;

namespace ThumbApi.Tests.Notifications;

/// <summary>
/// On Lambda, the <c>thumbnails</c> function queues each webhook in SQS and the <c>webhooks</c> function delivers the
/// queue's batches: a refused delivery stays in the queue, hidden until its next attempt is due.
/// </summary>
[Collection(InProcessLambdaCollection.Name)]
public sealed class WebhooksOnLambdaTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private FakeSqsApi _sqs = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _sqs = await FakeSqsApi.StartAsync();
        _receiver = await WebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _sqs.DisposeAsync();
    }

    /// <summary>What Terraform sets on both functions, with the queue and the receiver on loopback.</summary>
    private Dictionary<string, string?> Settings() => new()
    {
        ["Notifications:WebhookUrl"] = _receiver.Url.ToString(),
        ["Notifications:WebhookSecret"] = Secret,
        ["Notifications:QueueUrl"] = _sqs.QueueUrl.ToString(),
        ["Notifications:PublicBaseUrl"] = "https://thumbs.example.com/",
        ["Notifications:AttemptTimeout"] = "00:00:02",
    };

    /// <remarks>The SQS client gets the test's credentials, and only when there is a queue: none must be needed without one.</remarks>
    private Task<LambdaTestHost> StartAsync(string handler, Dictionary<string, string?>? settings = null)
    {
        settings ??= Settings();
        return LambdaTestHost.StartAsync(handler, settings, services =>
        {
            if (settings.ContainsKey("Notifications:QueueUrl"))
                services.AddSingleton<IAmazonSQS>(new AmazonSQSClient(new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
                    SqsClientConfig.For(_sqs.QueueUrl, "us-east-1")));
            if (settings.TryGetValue("Notifications:LambdaEndpoint", out var lambda))
                services.AddSingleton(sp => new ImageLinkBase(sp.GetRequiredService<IOptions<NotificationOptions>>(), new LambdaApiClient(new HttpClient(),
                    _ => Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null)), TimeProvider.System,
                    "us-east-1", new Uri(lambda!))));
        });
    }

    private static void PutImage(LambdaTestHost host, string name)
    {
        var path = Path.Combine(host.StoreRoot, "images", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), path, overwrite: true);
    }

    private static List<string> FailedIds(RuntimeReply reply)
    {
        Assert.False(reply.IsError, reply.Body);
        return JsonNode.Parse(reply.Body)!["batchItemFailures"]!.AsArray().Select(f => f!["itemIdentifier"]!.GetValue<string>()).ToList();
    }

    [Fact]
    public async Task The_thumbnails_function_queues_image_ready_signed_for_SQS_and_calls_no_receiver()
    {
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler);
        PutImage(host, "My Photo été.jpg");

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.False(reply.IsError, reply.Body);
        var call = Assert.Single(_sqs.Calls);
        Assert.Equal("SendMessage", call.Action);
        Assert.Equal(_sqs.QueueUrl.ToString(), call.Request["QueueUrl"]!.GetValue<string>());
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", call.Authorization);
        Assert.Contains("/us-east-1/sqs/aws4_request", call.Authorization);
        var message = WebhookMessage.FromJson(call.Request["MessageBody"]!.GetValue<string>());
        Assert.Equal("image.ready", message.Type);
        Assert.StartsWith("msg_", message.Id);
        var data = JsonNode.Parse(message.Body)!["data"]!;
        Assert.Equal("My Photo été.jpg", data["name"]!.GetValue<string>());
        Assert.Equal("https://thumbs.example.com/thumbnails/My%20Photo%20%C3%A9t%C3%A9.jpg?size=small", data["thumbnails"]!["small"]!.GetValue<string>());
        Assert.Empty(_receiver.Deliveries);
    }

    [Fact]
    public async Task Without_a_public_base_url_the_links_are_made_absolute_with_the_api_functions_Function_URL_looked_up_once()
    {
        await using var lambda = await FakeLambdaInvokeApi.StartAsync();
        var settings = Settings();
        settings.Remove("Notifications:PublicBaseUrl");
        settings["Notifications:ApiFunctionName"] = FakeLambdaInvokeApi.ApiFunction;
        settings["Notifications:LambdaEndpoint"] = lambda.Url.ToString();
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler, settings);
        PutImage(host, "My Photo été.jpg");

        foreach (var _ in new[] { 1, 2 })
        {
            var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));
            Assert.False(reply.IsError, reply.Body);
        }

        Assert.All(_sqs.SentBodies, body => Assert.Equal("https://abcdefghij.lambda-url.us-east-1.on.aws/thumbnails/My%20Photo%20%C3%A9t%C3%A9.jpg?size=small",
            JsonNode.Parse(WebhookMessage.FromJson(body).Body)!["data"]!["thumbnails"]!["small"]!.GetValue<string>()));
        Assert.Equal(2, _sqs.SentBodies.Count());
        Assert.Contains("/us-east-1/lambda/aws4_request", Assert.Single(lambda.UrlLookups));
    }

    [Fact]
    public async Task A_Function_URL_that_cannot_be_looked_up_fails_the_invocation_so_that_Lambda_retries_it()
    {
        await using var lambda = await FakeLambdaInvokeApi.StartAsync();
        var settings = Settings();
        settings.Remove("Notifications:PublicBaseUrl");
        settings["Notifications:ApiFunctionName"] = "thumbapi-gone";
        settings["Notifications:LambdaEndpoint"] = lambda.Url.ToString();
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler, settings);
        PutImage(host, "My Photo été.jpg");

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.True(reply.IsError, reply.Body);
        Assert.Contains(nameof(FunctionUrlLookupException), reply.Body);
        Assert.Contains("404", reply.Body);
        Assert.Empty(_sqs.SentBodies);
    }

    [Fact]
    public async Task The_thumbnails_function_queues_image_deleted_for_a_removed_original()
    {
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler);

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-object-removed"));

        Assert.False(reply.IsError, reply.Body);
        var message = WebhookMessage.FromJson(Assert.Single(_sqs.SentBodies));
        Assert.Equal("image.deleted", message.Type);
        Assert.Equal("holiday/removed photo.jpg", JsonNode.Parse(message.Body)!["data"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_thumbnails_function_queues_image_failed_with_the_reason()
    {
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler);
        var path = Path.Combine(host.StoreRoot, "images", "notes.jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Corpus.PathOf("bad_not_an_image.jpg"), path);

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-not-an-image"));

        Assert.False(reply.IsError, reply.Body);
        var message = WebhookMessage.FromJson(Assert.Single(_sqs.SentBodies));
        Assert.Equal("image.failed", message.Type);
        var data = JsonNode.Parse(message.Body)!["data"]!;
        Assert.Equal("notes.jpg", data["name"]!.GetValue<string>());
        Assert.Contains("not an image", data["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_the_queue_refuses_the_thumbnails_invocation_fails_so_that_Lambda_retries_it()
    {
        _sqs.SendStatusCode = 503;
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler);
        PutImage(host, "My Photo été.jpg");

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.True(reply.IsError, reply.Body);
        Assert.Contains(nameof(WebhookQueueUnavailableException), reply.Body);
        // The thumbnails are there all the same: the retry makes them again and queues the event again.
        Assert.True(File.Exists(Path.Combine(host.StoreRoot, "thumbnails", "My Photo été.jpg.small.png")));
    }

    [Fact]
    public async Task The_webhooks_function_delivers_a_golden_batch_signed_and_keeps_nothing_in_the_queue()
    {
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var golden = GoldenEvents.Load("sqs-webhooks-batch");

        var failed = FailedIds(await host.Runtime.InvokeAsync(golden));

        Assert.Empty(failed);
        Assert.Empty(_sqs.VisibilityChanges);
        var queued = JsonNode.Parse(golden)!["Records"]!.AsArray().Select(r => WebhookMessage.FromJson(r!["body"]!.GetValue<string>())).ToList();
        Assert.Equal(queued.Select(m => m.Id).Order(), _receiver.Deliveries.Select(d => d.Id).Order());
        foreach (var delivery in _receiver.Deliveries)
        {
            Assert.Equal(queued.Single(m => m.Id == delivery.Id).Body, delivery.Body);
            AssertSignedBySpecification(delivery);
        }
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 300)]
    [InlineData(4, 7_200)]
    [InlineData(7, 36_000)]
    public async Task A_refused_delivery_stays_in_the_queue_hidden_until_its_next_attempt_is_due(int receiveCount, int visibilitySeconds)
    {
        _receiver.Answer = _ => Task.FromResult(500);
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var body = WebhookMessage.Create("image.deleted", DateTimeOffset.UtcNow, new WebhookData("a.jpg")).ToJson();

        var failed = FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf([body], receiveCount)));

        Assert.Equal(["00000000-0000-4000-8000-000000000000"], failed);
        var change = Assert.Single(_sqs.VisibilityChanges);
        Assert.Equal("receipt-0", change["ReceiptHandle"]!.GetValue<string>());
        Assert.Equal(_sqs.QueueUrl.ToString(), change["QueueUrl"]!.GetValue<string>());
        Assert.Equal(visibilitySeconds, change["VisibilityTimeout"]!.GetValue<int>());
    }

    [Fact]
    public async Task Each_attempt_of_a_queued_webhook_carries_the_same_id_and_body_freshly_signed()
    {
        _receiver.Answer = n => Task.FromResult(n == 0 ? 500 : 204);
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var body = WebhookMessage.Create("image.deleted", DateTimeOffset.UtcNow, new WebhookData("a.jpg")).ToJson();

        Assert.Single(FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf([body], receiveCount: 1))));
        Assert.Empty(FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf([body], receiveCount: 2))));

        var (first, second) = (_receiver.Deliveries.First(), _receiver.Deliveries.Last());
        Assert.Equal((first.Id, first.Body), (second.Id, second.Body));
        AssertSignedBySpecification(first);
        AssertSignedBySpecification(second);
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_redirect_is_not_a_delivery_and_is_not_followed(int status)
    {
        _receiver.Answer = n => Task.FromResult(n == 0 ? status : 204);
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var body = WebhookMessage.Create("image.deleted", DateTimeOffset.UtcNow, new WebhookData("a.jpg")).ToJson();

        var failed = FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf([body])));

        Assert.Single(failed);
        Assert.Single(_receiver.Deliveries);
        Assert.Equal(5, Assert.Single(_sqs.VisibilityChanges)["VisibilityTimeout"]!.GetValue<int>());
    }

    [Fact]
    public void Every_delay_of_the_schedule_is_a_visibility_timeout_SQS_accepts()
    {
        Assert.All(WebhookRetries.Delays, delay => Assert.InRange(delay, TimeSpan.FromSeconds(1), TimeSpan.FromHours(12)));
    }

    [Fact]
    public async Task After_the_eighth_attempt_a_refused_delivery_is_left_to_the_dead_letter_queue()
    {
        _receiver.Answer = _ => Task.FromResult(500);
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var body = WebhookMessage.Create("image.deleted", DateTimeOffset.UtcNow, new WebhookData("a.jpg")).ToJson();

        var failed = FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf([body], receiveCount: WebhookRetries.MaxAttempts)));

        Assert.Single(failed);
        Assert.Empty(_sqs.VisibilityChanges);
        Assert.Single(_receiver.Deliveries);
    }

    [Fact]
    public async Task Only_the_refused_and_the_unreadable_messages_of_a_batch_stay_in_the_queue()
    {
        var refused = WebhookMessage.Create("image.ready", DateTimeOffset.UtcNow, new WebhookData("refused.jpg"));
        var taken = WebhookMessage.Create("image.ready", DateTimeOffset.UtcNow, new WebhookData("taken.jpg"));
        _receiver.AnswerTo = delivery => delivery.Id == refused.Id ? 503 : 204;
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);

        var headerInjection = (refused with { Id = "msg_1\r\nx-forged: yes" }).ToJson();
        var trailingNewline = (taken with { Id = taken.Id + "\n" }).ToJson();
        var failed = FailedIds(await host.Runtime.InvokeAsync(
            FakeSqsApi.EventOf([refused.ToJson(), "not a webhook", taken.ToJson(), headerInjection, trailingNewline])));

        Assert.Equal(["00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000003",
            "00000000-0000-4000-8000-000000000004"], failed.Order());
        Assert.Equal(new[] { refused.Id, taken.Id }.Order(), _receiver.Deliveries.Select(d => d.Id).Order());
        Assert.Equal("receipt-0", Assert.Single(_sqs.VisibilityChanges)["ReceiptHandle"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_receiver_that_never_answers_costs_each_message_one_attempt_timeout_and_keeps_them_all()
    {
        var never = new TaskCompletionSource<int>();
        _receiver.Answer = _ => never.Task;
        await using var host = await StartAsync(LambdaHosting.WebhooksHandler);
        var bodies = Enumerable.Range(0, 10).Select(i => WebhookMessage.Create("image.deleted", DateTimeOffset.UtcNow, new WebhookData($"{i}.jpg")).ToJson());

        var failed = FailedIds(await host.Runtime.InvokeAsync(FakeSqsApi.EventOf(bodies)));

        Assert.Equal(10, failed.Count);
        Assert.Equal(10, _sqs.VisibilityChanges.Count());
        never.SetResult(204);
    }

    [Theory]
    [InlineData("thumbnails", "Notifications:QueueUrl", "Notifications:QueueUrl must be set")]
    [InlineData("webhooks", "Notifications:WebhookUrl", "The webhooks function needs Notifications:WebhookUrl and Notifications:QueueUrl")]
    [InlineData("webhooks", "Notifications:QueueUrl", "The webhooks function needs Notifications:WebhookUrl and Notifications:QueueUrl")]
    public async Task A_function_without_what_its_role_needs_is_refused_at_start_up(string handler, string missing, string error)
    {
        var settings = Settings();
        settings.Remove(missing);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(handler, settings));

        Assert.Contains(error, refused.ToString());
    }

    [Fact]
    public async Task Without_a_receiver_the_thumbnails_function_queues_nothing()
    {
        var settings = Settings();
        settings.Remove("Notifications:WebhookUrl");
        settings.Remove("Notifications:QueueUrl");
        await using var host = await StartAsync(LambdaHosting.ThumbnailsHandler, settings);
        PutImage(host, "My Photo été.jpg");

        var reply = await host.Runtime.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));

        Assert.False(reply.IsError, reply.Body);
        Assert.Empty(_sqs.Calls);
    }

    private static void AssertSignedBySpecification(WebhookReceiver.Delivery delivery)
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        Assert.Contains($"v1,{expected}", delivery.Signature.Split(' '));
    }
}
