using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Security;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Security;

/// <summary>
/// Keys read from a parameter (SSM Parameter Store on AWS, a stand-in here): closed by default, and a rotation takes
/// effect without a restart.
/// </summary>
public sealed class ApiKeyParameterTests : IAsyncDisposable
{
    private static readonly object Request = new { fileName = "a.jpg", contentType = "image/jpeg" };
    private readonly FakeParameter _parameter = new();
    // The rate limit would answer 429 before the key is checked; these tests count key checks.
    private readonly ThumbApiApplication _app = new(("Auth:ApiKeysParameter", "/thumbapi/api-keys"), ("RateLimiting:Burst", "1000"));
    private readonly WebApplicationFactory<Program> _withParameter;

    public ApiKeyParameterTests() =>
        _withParameter = _app.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
            services.AddSingleton<IApiKeyParameterReader>(_parameter)));

    private async Task<HttpStatusCode> UploadAsync(string? key)
    {
        using var client = _withParameter.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, key);
        return (await client.PostAsJsonAsync("/uploads", Request)).StatusCode;
    }

    [Fact]
    public async Task Uploads_are_closed_while_the_parameter_lists_no_key()
    {
        _parameter.Text = "# No keys yet\n\n";

        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(""));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync("# No keys yet"));
    }

    [Fact]
    public async Task Any_key_line_of_the_parameter_is_accepted()
    {
        _parameter.Text = "# rotated 2026-12-01\nfirst-key\n  second-key  \n";

        Assert.Equal(HttpStatusCode.Created, await UploadAsync("first-key"));
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("second-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync("third-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync(null));
    }

    [Fact]
    public async Task A_new_key_works_after_a_miss_and_a_removed_key_stops_at_the_next_refresh_without_a_restart()
    {
        _parameter.Text = "old-key";
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("old-key"));

        _parameter.Text = "old-key\nnew-key";
        _app.Clock.Advance(ApiKeys.MissRefreshInterval);
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("new-key"));

        _parameter.Text = "new-key";
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync("old-key"));
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("new-key"));
    }

    [Fact]
    public async Task Guessing_keys_reads_the_parameter_at_most_once_per_miss_interval()
    {
        _parameter.Text = "the-key";
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("the-key"));
        var readsAfterFirstUse = _parameter.Reads;

        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync($"guess-{i}"));
        Assert.Equal(readsAfterFirstUse, _parameter.Reads);

        _app.Clock.Advance(ApiKeys.MissRefreshInterval);
        for (var i = 0; i < 10; i++) Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync($"guess-{i}"));
        Assert.Equal(readsAfterFirstUse + 1, _parameter.Reads);
    }

    [Fact]
    public async Task An_unreadable_parameter_answers_503_until_it_has_been_read_and_then_keeps_the_last_keys()
    {
        _parameter.Failure = new InvalidOperationException("SSM is down");
        using (var client = _withParameter.CreateClient())
        {
            client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, "the-key");
            var refused = await client.PostAsJsonAsync("/uploads", Request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.NotNull(refused.Headers.RetryAfter?.Delta);
            Assert.Equal("API keys unavailable", (await refused.ReadProblemAsync())["title"]!.GetValue<string>());
        }

        _parameter.Failure = null;
        _parameter.Text = "the-key";
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("the-key"));

        _parameter.Failure = new InvalidOperationException("SSM is down again");
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Created, await UploadAsync("the-key"));
        Assert.Equal(HttpStatusCode.Unauthorized, await UploadAsync("another-key"));
    }

    [Fact]
    public async Task Reads_stay_public()
    {
        _parameter.Text = "the-key";
        using var client = _withParameter.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/uploads/unknown.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/thumbnails/unknown.jpg")).StatusCode);
    }

    public async ValueTask DisposeAsync()
    {
        await _withParameter.DisposeAsync();
        await _app.DisposeAsync();
    }

    private sealed class FakeParameter : IApiKeyParameterReader
    {
        public string Text { get; set; } = "";
        public Exception? Failure { get; set; }
        public int Reads { get; private set; }

        public Task<string> ReadAsync(string parameterName, CancellationToken cancellationToken)
        {
            Assert.Equal("/thumbapi/api-keys", parameterName);
            Reads++;
            return Failure is null ? Task.FromResult(Text) : Task.FromException<string>(Failure);
        }
    }
}
