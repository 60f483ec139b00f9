using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Notifications;

/// <summary>With <c>Notifications:WebhookUrl</c> set, ready, failed and deleted images reach the receiver, signed, retried.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static readonly TimeSpan Delivered = TimeSpan.FromSeconds(30);
    private WebhookReceiver _receiver = null!;
    private ThumbApiApplication _app = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _app = new ThumbApiApplication(("Notifications:WebhookUrl", _receiver.Url.ToString()), ("Notifications:WebhookSecret", Secret),
            ("Notifications:PublicBaseUrl", "https://thumbs.example.com/"), ("Notifications:AttemptTimeout", "00:00:02"));
        _client = _app.CreateApiClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task A_ready_image_is_told_once_signed_with_its_links_and_size()
    {
        var name = await _client.UploadAsync(Corpus.Read("syn_exif6_stored4000x3000.jpg"));
        await _client.WaitForProcessingAsync(name);

        var delivery = await Eventually.WaitForAsync("the image.ready webhook", Delivered, () => Task.FromResult(_receiver.Deliveries.FirstOrDefault()));

        AssertSignedBySpecification(delivery);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal("image.ready", body["type"]!.GetValue<string>());
        Assert.Equal(name, body["data"]!["name"]!.GetValue<string>());
        Assert.Equal($"https://thumbs.example.com/thumbnails/{name}?size=small", body["data"]!["thumbnails"]!["small"]!.GetValue<string>());
        Assert.Equal((3000, 4000), (body["data"]!["width"]!.GetValue<int>(), body["data"]!["height"]!.GetValue<int>()));
        Assert.Single(_receiver.Deliveries);
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_the_same_id_on_the_schedule()
    {
        _receiver.Answer = n => Task.FromResult(n == 0 ? 500 : 204);
        var name = await _client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg"));
        await _client.WaitForProcessingAsync(name);
        await Eventually.UntilAsync("the first attempt", Delivered, () => _receiver.Deliveries.Count == 1);

        // The service's clock moves a second at a time until the retry comes.
        await Eventually.UntilAsync("the retry", Delivered, async () =>
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(TimeSpan.FromMilliseconds(100));
            return _receiver.Deliveries.Count == 2;
        });
        var (first, second) = (_receiver.Deliveries.First(), _receiver.Deliveries.Last());
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.Body, second.Body);
        // Not before its time: the schedule's first retry is 5 seconds after the first attempt.
        Assert.InRange(long.Parse(second.Timestamp) - long.Parse(first.Timestamp), 5, 8);
        AssertSignedBySpecification(second);
    }

    [Fact]
    public async Task A_failed_image_and_a_deleted_one_are_told_too()
    {
        var upload = await _client.RequestUploadAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendFormAsync(upload, Corpus.Read("bad_not_an_image.jpg"))).StatusCode);
        var name = upload["name"]!.GetValue<string>();
        await _client.WaitForProcessingAsync(name);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"/uploads/{name}");
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", upload["deleteToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendAsync(delete)).StatusCode);

        await Eventually.UntilAsync("image.failed and image.deleted", Delivered, () => _receiver.Deliveries.Count >= 2);

        var bodies = _receiver.Deliveries.Select(d => JsonNode.Parse(d.Body)!).ToList();
        var failed = bodies.Single(b => b["type"]!.GetValue<string>() == "image.failed");
        Assert.Contains("not an image", failed["data"]!["reason"]!.GetValue<string>());
        Assert.Equal(name, bodies.Single(b => b["type"]!.GetValue<string>() == "image.deleted")["data"]!["name"]!.GetValue<string>());
        Assert.All(_receiver.Deliveries, AssertSignedBySpecification);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_delays_no_image()
    {
        var never = new TaskCompletionSource<int>();
        _receiver.Answer = _ => never.Task;
        var started = DateTime.UtcNow;

        var names = new List<string>();
        for (var i = 0; i < 6; i++) names.Add(await _client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg")));
        foreach (var name in names) Assert.Equal("ready", (await _client.WaitForProcessingAsync(name))["status"]!.GetValue<string>());

        // Six images, while more than the four delivery slots hang on a receiver that never answers.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20), $"took {DateTime.UtcNow - started}");
        never.SetResult(204);
    }

    /// <summary>The receiver's side of the specification, written here independently of the service's signer.</summary>
    private static void AssertSignedBySpecification(WebhookReceiver.Delivery delivery)
    {
        var key = Convert.FromBase64String(Secret["whsec_".Length..]);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Id}.{delivery.Timestamp}.{delivery.Body}")));
        Assert.StartsWith("msg_", delivery.Id);
        Assert.Contains($"v1,{expected}", delivery.Signature.Split(' '));
    }
}
