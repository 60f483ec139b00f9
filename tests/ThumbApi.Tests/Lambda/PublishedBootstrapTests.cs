using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Lambda;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Notifications;
using ThumbApi.LambdaLocal;

namespace ThumbApi.Tests.Lambda;

[Collection(PublishedPackageCollection.Name)]
public sealed class PublishedBootstrapTests(PublishedPackages packages)
{
    public static IEnumerable<object[]> Variants() => PublishedPackages.Variants();

    private static async Task<(FakeRuntimeApi Runtime, BootstrapProcess Process, string StoreRoot)> StartAsync(
        PublishedPackage package, string handler, Dictionary<string, string>? environment = null)
    {
        var runtime = await FakeRuntimeApi.StartAsync();
        var storeRoot = Directory.CreateTempSubdirectory("thumbapi-bootstrap-").FullName;
        var variables = new Dictionary<string, string>
        {
            [RuntimeApiClient.EnvironmentVariable] = runtime.Address,
            [LambdaHosting.HandlerVariable] = handler,
            ["Storage__Provider"] = "Local",
            ["Storage__LocalRoot"] = storeRoot,
            // What Lambda and Terraform set for the api function.
            ["AWS_REGION"] = "us-east-1",
            ["Refresh__FunctionName"] = "thumbapi-thumbnails",
        };
        foreach (var (name, value) in environment ?? []) variables[name] = value;
        return (runtime, BootstrapProcess.Start(package, variables), storeRoot);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task PackageHoldsAnExecutableBootstrapTheConfigurationAndLibvips(PackageVariant variant)
    {
        var package = await packages.GetAsync(variant);
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var bootstrap = zip.GetEntry("bootstrap");
        Assert.NotNull(bootstrap);
        Assert.Equal(Convert.ToInt32("755", 8), (bootstrap.ExternalAttributes >> 16) & Convert.ToInt32("777", 8));
        Assert.NotNull(zip.GetEntry("appsettings.json"));
        Assert.NotNull(zip.GetEntry("libvips.so.42"));
        // Lambda's limit is on the unzipped size: 250 MB for the function's code and layers.
        var unzipped = zip.Entries.Sum(e => e.Length);
        Assert.True(unzipped < 250_000_000, $"{package.ZipPath} unzips to {unzipped:N0} bytes, over Lambda's 250 MB.");
    }

    [Fact]
    public async Task ThePackageDeployedByDefaultUsesAtMostHalfOfLambdasUnzippedLimit()
    {
        // deploy.yml ships Native AOT unless LAMBDA_PACKAGE=readytorun; half the limit leaves room for new dependencies.
        var package = await packages.GetAsync(PackageVariant.NativeAot);
        using var zip = ZipFile.OpenRead(package.ZipPath);

        var unzipped = zip.Entries.Sum(e => e.Length);

        Assert.True(unzipped <= 125_000_000, $"{package.ZipPath} unzips to {unzipped:N0} bytes, over 125 MB.");
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task OutsideLambdaTheSameExecutableServesOnKestrel(PackageVariant variant)
    {
        var package = await packages.GetAsync(variant);
        var storeRoot = Directory.CreateTempSubdirectory("thumbapi-kestrel-").FullName;
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        await using (var process = BootstrapProcess.Start(package, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Storage__LocalRoot"] = storeRoot,
        }))
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            var health = await Eventually.WaitForAsync($"the {variant} bootstrap to accept connections on port {port}", TimeSpan.FromSeconds(30), async () =>
            {
                try { return await http.GetAsync("/health"); }
                catch (HttpRequestException) { return null; }
            });

            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task ApiRoleAnswersFunctionUrlEvents(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ApiHandler);
        await using (runtime)
        await using (process)
        {
            var health = FunctionUrlReply.Parse(await runtime.InvokeAsync(GoldenEvents.Load("health")));
            Assert.Equal(200, health.StatusCode);
            Assert.Equal("ok", health.Json().GetProperty("status").GetString());

            var created = FunctionUrlReply.Parse(await runtime.InvokeAsync(GoldenEvents.Load("post-uploads-json")));
            Assert.Equal(201, created.StatusCode);

            var missing = FunctionUrlReply.Parse(await runtime.InvokeAsync(GoldenEvents.Load("not-found")));
            Assert.Equal(404, missing.StatusCode);

            // The request size limit holds behind the Function URL as it does on Kestrel.
            var oversized = $$"""{"fileName": "{{new string('a', 20 * 1024)}}.jpg", "contentType": "image/jpeg"}""";
            var tooLarge = FunctionUrlReply.Parse(await runtime.InvokeAsync(GoldenEvents.WithBody("post-uploads-json", oversized)));
            Assert.Equal(413, tooLarge.StatusCode);
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task AnOutdatedRenditionLookedUpThroughTheApiRoleIsRefreshedByTheThumbnailsRole(PackageVariant variant)
    {
        var package = await packages.GetAsync(variant);
        await using var lambda = await FakeLambdaInvokeApi.StartAsync();
        // Thumbnails made before definitions were recorded: what made them is unknown, so they are made again.
        var (api, apiProcess, storeRoot) = await StartAsync(package, LambdaHosting.ApiHandler, new Dictionary<string, string>
        {
            ["Refresh__Endpoint"] = lambda.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ["AWS_SESSION_TOKEN"] = "session-token",
        });
        Directory.CreateDirectory(Path.Combine(storeRoot, "images"));
        Directory.CreateDirectory(Path.Combine(storeRoot, "thumbnails"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), Path.Combine(storeRoot, "images", "cups.jpg"));
        await File.WriteAllTextAsync(Path.Combine(storeRoot, "thumbnails", "cups.jpg.small.png"), "made by an older version");

        FunctionUrlReply lookup;
        await using (api)
        await using (apiProcess)
        {
            lookup = FunctionUrlReply.Parse(await api.InvokeAsync(GoldenEvents.WithTarget("not-found", "/thumbnails/cups.jpg", "size=small")));
        }

        Assert.Equal(202, lookup.StatusCode);
        var invocation = Assert.Single(lambda.Invocations);
        Assert.Equal("/2015-03-31/functions/thumbapi-thumbnails/invocations", invocation.Path);
        Assert.Equal("Event", invocation.Headers["x-amz-invocation-type"]);
        Assert.Equal("session-token", invocation.Headers["x-amz-security-token"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", invocation.Headers["authorization"]);

        // What Lambda would then run: the thumbnails function with that payload.
        var (thumbnails, thumbnailsProcess, unusedRoot) = await StartAsync(package, LambdaHosting.ThumbnailsHandler, new Dictionary<string, string>
        {
            ["Storage__LocalRoot"] = storeRoot,
        });
        await using (thumbnails)
        await using (thumbnailsProcess)
        {
            var reply = await thumbnails.InvokeAsync(invocation.Body);
            Assert.False(reply.IsError, reply.Body);
            Assert.Equal("Rendered", JsonDocument.Parse(reply.Body).RootElement.GetProperty("refresh").GetString());
        }
        Assert.True(File.Exists(Path.Combine(storeRoot, "thumbnails", "cups.jpg.renditions.json")));
        Assert.NotEqual("made by an older version", await File.ReadAllTextAsync(Path.Combine(storeRoot, "thumbnails", "cups.jpg.small.png")));
        Directory.Delete(storeRoot, recursive: true);
        Directory.Delete(unusedRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task ThumbnailsRoleAnswersAGoldenBatchOperationsInvocationPerTask(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ThumbnailsHandler);
        await using (runtime)
        await using (process)
        {
            var original = Path.Combine(storeRoot, "images", "holiday", "batch photo.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), original);

            var reply = await runtime.InvokeAsync(GoldenEvents.Load("batch-operations-2.0"));

            Assert.False(reply.IsError, reply.Body);
            var answer = JsonDocument.Parse(reply.Body).RootElement;
            Assert.Equal("2.0", answer.GetProperty("invocationSchemaVersion").GetString());
            Assert.Equal(["Succeeded", "PermanentFailure", "PermanentFailure"],
                answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("resultCode").GetString()));
            Assert.True(File.Exists(Path.Combine(storeRoot, "thumbnails", "holiday", "batch photo.jpg.small.png")));
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task ThumbnailsRoleCascadesAGoldenDeleteMarkerCreatedEvent(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ThumbnailsHandler);
        await using (runtime)
        await using (process)
        {
            var original = Path.Combine(storeRoot, "images", "holiday", "removed photo.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), original);
            Assert.False((await runtime.InvokeAsync(RefreshRequest.ToJson("holiday/removed photo.jpg"))).IsError);
            Assert.Equal(3, Directory.GetFiles(Path.Combine(storeRoot, "thumbnails", "holiday")).Length);
            File.Delete(original);

            var reply = await runtime.InvokeAsync(GoldenEvents.Load("sns-delete-marker-created"));

            Assert.False(reply.IsError, reply.Body);
            Assert.Equal(1, ThumbnailFunctionTests.Count(JsonDocument.Parse(reply.Body).RootElement, "Removed"));
            Assert.Empty(Directory.GetFiles(Path.Combine(storeRoot, "thumbnails", "holiday")));
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task AReadyImageIsQueuedAndPutOnTheBusByTheThumbnailsRoleAndDeliveredSignedByTheWebhooksRole(PackageVariant variant)
    {
        var package = await packages.GetAsync(variant);
        await using var sqs = await FakeSqsApi.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var events = await FakeEventBridgeApi.StartAsync();
        await using var lambda = await FakeLambdaInvokeApi.StartAsync();
        // What Terraform sets on both functions, and the role's credentials as Lambda puts them in the environment.
        var notifications = new Dictionary<string, string>
        {
            ["Notifications__WebhookUrl"] = receiver.Url.ToString(),
            ["Notifications__WebhookSecret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Notifications__QueueUrl"] = sqs.QueueUrl.ToString(),
            ["Notifications__ApiFunctionName"] = FakeLambdaInvokeApi.ApiFunction,
            ["Notifications__LambdaEndpoint"] = lambda.Url.ToString(),
            ["Notifications__EventBusName"] = "thumbapi-events",
            ["Notifications__EventBridgeEndpoint"] = events.Url.ToString(),
            ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            ["AWS_SESSION_TOKEN"] = "session-token",
        };
        var (thumbnails, thumbnailsProcess, storeRoot) = await StartAsync(package, LambdaHosting.ThumbnailsHandler, notifications);
        await using (thumbnails)
        await using (thumbnailsProcess)
        {
            var original = Path.Combine(storeRoot, "images", "My Photo été.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(original)!);
            File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), original);

            var reply = await thumbnails.InvokeAsync(GoldenEvents.Load("sns-one-record-encoded-key"));
            Assert.False(reply.IsError, reply.Body);
        }
        var queued = Assert.Single(sqs.SentBodies);
        Assert.Empty(receiver.Deliveries);
        var put = Assert.Single(events.Calls);
        Assert.Equal("image.ready", put.Entry["DetailType"]!.GetValue<string>());
        // Links made absolute with the api function's Function URL, looked up once for both.
        Assert.StartsWith($"{FakeLambdaInvokeApi.ApiFunctionUrl}thumbnails/My%20Photo%20%C3%A9t%C3%A9.jpg?size=",
            JsonDocument.Parse(put.Entry["Detail"]!.GetValue<string>()).RootElement.GetProperty("thumbnails").GetProperty("small").GetString());
        Assert.Single(lambda.UrlLookups);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", put.Authorization);

        // What Lambda's SQS poller would then run: the webhooks function with that message.
        var (webhooks, webhooksProcess, unusedRoot) = await StartAsync(package, LambdaHosting.WebhooksHandler, notifications);
        await using (webhooks)
        await using (webhooksProcess)
        {
            var reply = await webhooks.InvokeAsync(FakeSqsApi.EventOf([queued]));
            Assert.False(reply.IsError, reply.Body);
            Assert.Equal("""{"batchItemFailures":[]}""", reply.Body);
        }
        var delivery = Assert.Single(receiver.Deliveries);
        var message = ThumbApi.Notifications.WebhookMessage.FromJson(queued);
        Assert.Equal((message.Id, message.Body), (delivery.Id, delivery.Body));
        Assert.Equal("image.ready", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("type").GetString());
        Assert.Equal(ThumbApi.Notifications.WebhookSignature.Sign(Convert.FromBase64String("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            delivery.Id, long.Parse(delivery.Timestamp), delivery.Body), delivery.Signature);
        Directory.Delete(storeRoot, recursive: true);
        Directory.Delete(unusedRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task ThumbnailsRoleWritesThumbnailsOf12MpImageAndLogsJsonLinesWithTheRequestId(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ThumbnailsHandler);
        await using (runtime)
        await using (process)
        {
            Directory.CreateDirectory(Path.Combine(storeRoot, "images"));
            File.Copy(Corpus.PathOf("syn_12mp_4000x3000_q90.jpg"), Path.Combine(storeRoot, "images", "syn_12mp_4000x3000_q90.jpg"));

            // Lambda freezes the process once the response is posted: what is not written by then is not written.
            runtime.OnReply = process.Freeze;
            var reply = await runtime.InvokeAsync(GoldenEvents.Load("sns-12mp-image"));

            Assert.False(reply.IsError, reply.Body);
            Assert.Equal(1, ThumbnailFunctionTests.Count(JsonDocument.Parse(reply.Body).RootElement, "Generated"));
            Assert.True(File.Exists(Path.Combine(storeRoot, "thumbnails", "syn_12mp_4000x3000_q90.jpg.small.png")));

            // Frozen, the process writes nothing more: only lines already in the pipe can still be read from it.
            await Eventually.UntilAsync($"the frozen bootstrap's log line for {reply.RequestId} to be read from its stdout", TimeSpan.FromSeconds(10),
                () => process.Lines.Any(l => l.Contains(reply.RequestId)));
            var lines = process.Lines.ToList();
            Assert.All(lines, line => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(line).RootElement.ValueKind));
            Assert.Contains(lines, line => line.Contains($"\"AwsRequestId\":\"{reply.RequestId}\"") && line.Contains("ThumbnailGenerator"));
            Assert.DoesNotContain(lines, line => line.Contains("Now listening"));
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task BadConfigurationIsReportedAsAnInitErrorAndTheProcessExitsNonZero(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ApiHandler,
            new() { ["Thumbnails__MaxSourcePixels"] = "0" });
        await using (runtime)
        await using (process)
        {
            var error = await runtime.InitError.WithinAsync("the bootstrap to report an init error", TimeSpan.FromSeconds(30));

            Assert.Equal("Runtime.ConfigInvalid", error.ErrorType);
            Assert.Equal("application/vnd.aws.lambda.error+json", error.ContentType);
            using var body = JsonDocument.Parse(error.Body);
            Assert.Equal("OptionsValidationException", body.RootElement.GetProperty("errorType").GetString());
            Assert.Contains("MaxSourcePixels", body.RootElement.GetProperty("errorMessage").GetString());
            Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(0, runtime.NextCalls);
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task UnknownHandlerIsReportedAsAnInitErrorNamingTheValidHandlers(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), "resize");
        await using (runtime)
        await using (process)
        {
            var error = await runtime.InitError.WithinAsync("the bootstrap to report an init error", TimeSpan.FromSeconds(30));

            Assert.Equal("Runtime.NoSuchHandler", error.ErrorType);
            var message = JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString();
            Assert.Contains("'resize'", message);
            Assert.Contains("api, thumbnails", message);
            Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        Directory.Delete(storeRoot, recursive: true);
    }

    [Theory, MemberData(nameof(Variants))]
    public async Task ImageSharpEngineIsRefusedAtStartOnlyByTheNativeAotPackage(PackageVariant variant)
    {
        var (runtime, process, storeRoot) = await StartAsync(await packages.GetAsync(variant), LambdaHosting.ApiHandler,
            new() { ["Thumbnails__Engine"] = "ImageSharp" });
        await using (runtime)
        await using (process)
        {
            if (variant == PackageVariant.NativeAot)
            {
                var error = await runtime.InitError.WithinAsync("the bootstrap to report an init error", TimeSpan.FromSeconds(30));
                Assert.Equal("Runtime.ConfigInvalid", error.ErrorType);
                Assert.Contains("the Native AOT build ships the NetVips engine only",
                    JsonDocument.Parse(error.Body).RootElement.GetProperty("errorMessage").GetString());
            }
            else
            {
                var health = FunctionUrlReply.Parse(await runtime.InvokeAsync(GoldenEvents.Load("health")));
                Assert.Equal("ImageSharp", health.Json().GetProperty("engine").GetString());
            }
        }
        Directory.Delete(storeRoot, recursive: true);
    }
}
