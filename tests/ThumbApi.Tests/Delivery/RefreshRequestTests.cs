using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Delivery;

/// <summary><c>{"refresh":{"name":…}}</c>, as the api function sends it to the thumbnails function.</summary>
public sealed class RefreshRequestTests : IAsyncLifetime
{
    private readonly ThumbApiApplication _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_image_without_renditions_gets_them_all_and_a_second_refresh_writes_nothing()
    {
        PutImage("a.jpg", "photo_cups_2560x1600_gps.jpg");

        Assert.Equal(RefreshOutcome.Rendered, (await RefreshAsync("a.jpg")).Refresh);
        var written = Directory.GetFiles(StorePath("thumbnails")).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Assert.Equal(3, written.Count);

        Assert.Equal(RefreshOutcome.UpToDate, (await RefreshAsync("a.jpg")).Refresh);
        Assert.Equal(written, Directory.GetFiles(StorePath("thumbnails")).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public async Task An_image_that_failed_stays_failed_and_nothing_is_rendered()
    {
        PutImage("bad.jpg", "bad_not_an_image.jpg");
        await RefreshAsync("bad.jpg");

        Assert.Equal(RefreshOutcome.AlreadyFailed, (await RefreshAsync("bad.jpg")).Refresh);
        Assert.Equal(["bad.jpg.failed.json"], Directory.GetFiles(StorePath("thumbnails")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_refresh_of_an_image_that_is_gone_is_skipped()
    {
        Assert.Equal(RefreshOutcome.Skipped, (await RefreshAsync("gone.jpg")).Refresh);
    }

    [Theory]
    [InlineData("""{"refresh":{}}""")]
    [InlineData("""{"refresh":null}""")]
    [InlineData("""{"refresh":{"name":42}}""")]
    [InlineData("""{"refresh":{"name":""}}""")]
    [InlineData("""{"refresh":{"name":"../appsettings.json"}}""")]
    public async Task A_refresh_request_that_names_no_image_is_malformed(string payload)
    {
        await Assert.ThrowsAsync<MalformedEventException>(() =>
            _app.GetRequiredService<DeliveryDispatcher>().DispatchAsync(payload, CancellationToken.None));
    }

    [Fact]
    public async Task The_result_says_what_the_refresh_did_in_words()
    {
        PutImage("a.jpg", "photo_cups_2560x1600_gps.jpg");

        var result = await RefreshAsync("a.jpg");

        Assert.Contains("\"refresh\":\"Rendered\"", System.Text.Encoding.UTF8.GetString(result.ToJson()));
    }

    private Task<ThumbnailEventResult> RefreshAsync(string name) =>
        _app.GetRequiredService<DeliveryDispatcher>().DispatchAsync(RefreshRequest.ToJson(name), CancellationToken.None);

    private void PutImage(string name, string corpusFile)
    {
        Directory.CreateDirectory(StorePath("images"));
        Directory.CreateDirectory(StorePath("thumbnails"));
        File.Copy(Corpus.PathOf(corpusFile), StorePath("images/" + name));
    }

    private string StorePath(string key) => Path.Combine(_app.LocalRoot, key);
}
