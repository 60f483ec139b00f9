using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.LambdaLocal;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Notifications;

namespace ThumbApi.Tests.Lambda;

/// <summary>
/// The tool that runs the packaged bootstrap locally (<c>tools/ThumbApi.LambdaLocal</c>): the api role behind a
/// Function-URL-shaped front, the event roles (thumbnails, webhooks) taking events by HTTP, each against the real package.
/// </summary>
[Collection(PublishedPackageCollection.Name)]
public sealed class LocalFunctionTests(PublishedPackages packages) : IDisposable
{
    private readonly string _storeRoot = Directory.CreateTempSubdirectory("thumbapi-local-function-").FullName;

    public void Dispose() => Directory.Delete(_storeRoot, recursive: true);

    [Fact]
    public async Task The_packaged_api_serves_an_upload_from_request_to_stored_file_through_its_Function_URL_front()
    {
        await using var function = await StartAsync(LocalFunction.Api);
        using var client = new HttpClient { BaseAddress = function.Address };

        var health = await client.GetFromJsonAsync<JsonObject>("/health");
        Assert.Equal("ok", health?["status"]?.GetValue<string>());

        var created = await client.PostAsJsonAsync("/uploads", new { fileName = "cups.jpg", contentType = "image/jpeg" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var upload = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        // The embedded store's form goes back through the front, as a multipart body in base64. The function names
        // it https, as behind a real Function URL; the local front speaks http.
        var formUrl = new Uri(upload["upload"]!["url"]!.GetValue<string>());
        Assert.Equal((function.Address.Authority, "/storage/upload"), (formUrl.Authority, formUrl.AbsolutePath));
        var photo = Corpus.Read("photo_cups_2560x1600_gps.jpg");
        var stored = await client.PostAsync(formUrl.PathAndQuery, UploadClient.Form(UploadClient.Fields(upload), photo));
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
        Assert.Equal(photo, await File.ReadAllBytesAsync(Path.Combine(_storeRoot, "images", upload["name"]!.GetValue<string>())));
    }

    [Fact]
    public async Task The_packaged_thumbnails_function_makes_the_thumbnails_of_an_S3_event_posted_to_its_front()
    {
        Directory.CreateDirectory(Path.Combine(_storeRoot, "images"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), Path.Combine(_storeRoot, "images", "cups.jpg"));
        await using var function = await StartAsync(LocalFunction.Thumbnails);
        using var client = new HttpClient { BaseAddress = function.Address };
        const string s3Event = """{"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","eventTime":"2026-12-01T00:00:00.000Z","eventName":"ObjectCreated:Put","s3":{"bucket":{"name":"local"},"object":{"key":"images/cups.jpg","eTag":null}}}]}""";

        var delivered = await client.PostAsync("/", new StringContent(s3Event, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.True(File.Exists(Path.Combine(_storeRoot, "thumbnails", "cups.jpg.small.png")), await delivered.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(_storeRoot, "thumbnails", "cups.jpg.medium.webp")));
    }

    [Fact]
    public async Task The_packaged_webhooks_function_delivers_an_SQS_batch_posted_to_its_front()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var function = await StartAsync(LocalFunction.Webhooks, new()
        {
            ["Notifications__WebhookUrl"] = receiver.Url.ToString(),
            ["Notifications__WebhookSecret"] = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            ["Notifications__QueueUrl"] = "https://sqs.us-east-1.amazonaws.com/123456789012/thumbapi-webhooks",
        });
        using var client = new HttpClient { BaseAddress = function.Address };

        var delivered = await client.PostAsync("/", new StringContent(GoldenEvents.Load("sqs-webhooks-batch"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Assert.Equal("""{"batchItemFailures":[]}""", await delivered.Content.ReadAsStringAsync());
        Assert.Equal(2, receiver.Deliveries.Count);
    }

    private async Task<LocalFunction> StartAsync(string role, Dictionary<string, string>? environment = null)
    {
        var package = await packages.GetAsync(PackageVariant.ReadyToRun);
        var variables = new Dictionary<string, string> { ["Storage__Provider"] = "Local", ["Storage__LocalRoot"] = _storeRoot };
        foreach (var (name, value) in environment ?? []) variables[name] = value;
        return await LocalFunction.StartAsync(role, package.TaskRoot, "http://127.0.0.1:0", variables, _ => { });
    }
}
