using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// A local run against s3rver: its events reach the service's thumbnail handler through the launcher's
/// <c>--notify</c>, with keys URL-encoded as S3 sends them (s3rver's own carry raw keys).
/// </summary>
public sealed class S3EventForwardingTests(S3rverForwardingFixture s3rver) : IClassFixture<S3rverForwardingFixture>
{
    [Fact]
    public async Task AnImagePutByAnotherToolIsThumbnailedFromItsForwardedEvent()
    {
        await using var app = new S3ThumbApiFactory(s3rver.ServiceUrl);
        app.UseKestrel(s3rver.AppPort);
        app.StartServer();
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{s3rver.AppPort}") };
        using var s3 = s3rver.CreateClient();
        var name = $"{Guid.NewGuid():N} My Photo+1.png";

        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3rverFixture.Bucket,
            Key = $"images/{name}",
            InputStream = new MemoryStream(NetVips.Image.Black(32, 32, bands: 3).WriteToBuffer(".png")),
            ContentType = "image/png",
        });

        var status = "pending";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); status == "pending" && DateTime.UtcNow < deadline; await Task.Delay(200))
            status = (await api.GetFromJsonAsync<JsonElement>($"/uploads/{Uri.EscapeDataString(name)}")).GetProperty("status").GetString()!;
        Assert.Equal("ready", status);
    }

    [Fact]
    public async Task EventsAreHeardFromThisMachineOnly()
    {
        // The in-memory test server has no remote address: it stands for a caller that is not on loopback.
        await using var app = new S3ThumbApiFactory(s3rver.ServiceUrl);
        using var api = app.CreateClient();

        using var response = await api.PostAsJsonAsync(ThumbApi.Delivery.InProcess.ForwardedEventEndpoints.Path, new { Records = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
