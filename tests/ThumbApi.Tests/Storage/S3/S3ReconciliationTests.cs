using System.Net.Http.Json;
using System.Text.Json;
using Amazon.S3.Model;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// Nothing stays pending for ever against an S3-compatible server either: an original whose event never reached
/// the API (the server here forwards none) is found by the start-up reconciliation. Listing is a bucket-level call,
/// hence the listing fixture (see <see cref="S3rverListingFixture"/>).
/// </summary>
public sealed class S3ReconciliationTests(S3rverListingFixture s3rver) : IClassFixture<S3rverListingFixture>
{
    [Fact]
    public async Task AnImageWhoseEventNeverArrivedIsThumbnailedWhenTheApiStarts()
    {
        using var s3 = s3rver.CreateClient();
        var name = $"{Guid.NewGuid():N}.png";
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = S3rverFixture.Bucket,
            Key = $"images/{name}",
            InputStream = new MemoryStream(NetVips.Image.Black(32, 32, bands: 3).WriteToBuffer(".png")),
            ContentType = "image/png",
        });

        await using var app = new S3ThumbApiFactory(s3rver.ServiceUrl, settings: ("Storage:BackfillOnStart", "true"));
        using var api = app.CreateClient();

        var status = "pending";
        for (var deadline = DateTime.UtcNow.AddSeconds(30); status == "pending" && DateTime.UtcNow < deadline; await Task.Delay(200))
            status = (await api.GetFromJsonAsync<JsonElement>($"/uploads/{name}")).GetProperty("status").GetString()!;
        Assert.Equal("ready", status);
    }
}
