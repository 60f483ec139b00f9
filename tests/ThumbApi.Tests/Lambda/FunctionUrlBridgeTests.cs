using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.LambdaLocal;
using ThumbApi.Tests.Infrastructure;


namespace ThumbApi.Tests.Lambda;

[Collection(InProcessLambdaCollection.Name)]
public sealed class FunctionUrlBridgeTests(ApiHostFixture fixture) : IClassFixture<ApiHostFixture>
{
    private FakeRuntimeApi Runtime => fixture.Host.Runtime;

    private async Task<FunctionUrlReply> SendAsync(string eventName) =>
        FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.Load(eventName)));

    [Fact]
    public async Task GetWithRepeatedQueryKeysSeesEveryValueAndWholeHeaders()
    {
        var reply = await SendAsync("get-multi-value-query");

        Assert.Equal(200, reply.StatusCode);
        Assert.False(reply.IsBase64Encoded);
        Assert.StartsWith("application/json", reply.Headers["content-type"]);
        var echo = reply.Echo();
        Assert.Equal("GET", echo.Method);
        Assert.Equal("https", echo.Scheme);
        Assert.Equal("abcdefghijklmnop.lambda-url.eu-west-1.on.aws", echo.Host);
        Assert.Equal(["a", "b"], echo.Query["tag"]);
        Assert.Equal(["x y+z"], echo.Query["q"]);
        Assert.Equal("/echo/items?tag=a&tag=b&q=x%20y%2Bz", echo.RawTarget);
        // Commas inside these values are not separators: each header arrives as the one value the client sent.
        Assert.Equal(["Wed, 25 Nov 2026 15:00:00 GMT"], echo.Headers["date"]);
        Assert.Equal(["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"], echo.Headers["user-agent"]);
        Assert.Equal(["en-GB,en;q=0.9"], echo.Headers["accept-language"]);
        Assert.Equal("203.0.113.7", echo.RemoteIp);
    }

    [Fact]
    public async Task PostUploadsRunsTheRealEndpointAndReturnsCreatedJson()
    {
        var reply = await SendAsync("post-uploads-json");

        Assert.Equal(201, reply.StatusCode);
        Assert.False(reply.IsBase64Encoded);
        Assert.StartsWith("application/json", reply.Headers["content-type"]);
        var name = reply.Json().GetProperty("name").GetString()!;
        Assert.EndsWith(".jpg", name);
        Assert.Equal($"/uploads/{name}", reply.Headers["location"]);
        Assert.Equal("https://abcdefghijklmnop.lambda-url.eu-west-1.on.aws/storage/upload",
            reply.Json().GetProperty("upload").GetProperty("url").GetString());
    }

    [Fact]
    public async Task PostUploadsBodyOverItsSixteenKibLimitIs413AsOnKestrel()
    {
        var body = $$"""{"fileName": "{{new string('a', 16 * 1024)}}.jpg", "contentType": "image/jpeg"}""";

        var reply = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.WithBody("post-uploads-json", body)));

        Assert.Equal(413, reply.StatusCode);
        Assert.StartsWith("application/problem+json", reply.Headers["content-type"]);
        Assert.Equal(413, reply.Json().GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task PostUploadsBodyJustUnderItsLimitIsRead()
    {
        var padding = new string(' ', 16 * 1024 - 100);
        var body = $$"""{"fileName": "a.jpg", "contentType": "image/jpeg"{{padding}}}""";
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body), 16 * 1024 - 60, 16 * 1024);

        var reply = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.WithBody("post-uploads-json", body)));

        Assert.Equal(201, reply.StatusCode);
    }

    [Fact]
    public async Task Base64RequestBodyReachesTheApplicationAsBytes()
    {
        var reply = await SendAsync("post-base64-body");

        var echo = reply.Echo();
        Assert.Equal("POST", echo.Method);
        Assert.Equal(TestEndpoints.BinaryBody, Encoding.Latin1.GetBytes(echo.Body));
        Assert.Equal(["256"], echo.Headers["content-length"]);
        Assert.Equal("2001:db8::7", echo.RemoteIp);
    }

    [Fact]
    public async Task CookiesArriveAsOneHeaderAndSetCookieLeavesInCookies()
    {
        var reply = await SendAsync("cookies-in-and-out");

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(["session=xyz789; path=/; secure; httponly", "theme=light; expires=Thu, 26 Nov 2026 15:00:00 GMT; path=/"], reply.Cookies);
        Assert.False(reply.Headers.ContainsKey("set-cookie"));
        Assert.Equal("one,two", reply.Headers["x-multi"]);

        var echo = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.Load("cookies-in-and-out").Replace("\"/cookies\"", "\"/echo/cookies\""))).Echo();
        Assert.Equal(["session=abc123; theme=dark"], echo.Headers["cookie"]);
        Assert.Equal("abc123", echo.Cookies["session"]);
        Assert.Equal("dark", echo.Cookies["theme"]);
    }

    [Fact]
    public async Task EncodedPathIsDecodedLikeKestrelKeepingSlashEncodedAndPlusLiteral()
    {
        var echo = (await SendAsync("encoded-path")).Echo();

        Assert.Equal("/echo/a%2Fb/c+d/été 📷.jpg", echo.Path);
        Assert.Equal("/echo/a%2Fb/c+d/%C3%A9t%C3%A9%20%F0%9F%93%B7.jpg", echo.RawTarget);
    }

    [Fact]
    public async Task BinaryResponseIsBase64Encoded()
    {
        var reply = await SendAsync("binary-response");

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("image/webp", reply.Headers["content-type"]);
        Assert.True(reply.IsBase64Encoded);
        Assert.Equal(TestEndpoints.BinaryBody, Convert.FromBase64String(reply.Body!));
    }

    [Fact]
    public async Task ThumbnailRedirectLeadsToTheStoredPngAsBase64()
    {
        var thumbnail = await File.ReadAllBytesAsync(Corpus.PathOf("syn_alpha_1600x1200.png"));
        Directory.CreateDirectory(Path.Combine(fixture.Host.StoreRoot, "images", "holiday"));
        Directory.CreateDirectory(Path.Combine(fixture.Host.StoreRoot, "thumbnails", "holiday"));
        await File.WriteAllBytesAsync(Path.Combine(fixture.Host.StoreRoot, "images", "holiday", "beach.png"), thumbnail);
        foreach (var preset in new[] { "small.png", "medium.webp" })
            await File.WriteAllBytesAsync(Path.Combine(fixture.Host.StoreRoot, "thumbnails", "holiday", $"beach.png.{preset}"), thumbnail);
        await File.WriteAllBytesAsync(Path.Combine(fixture.Host.StoreRoot, "thumbnails", "holiday", "beach.png.renditions.json"),
            RenditionRecords.Current(fixture.Host.Services, "small", "medium"));

        var redirect = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.WithTarget("binary-response", "/thumbnails/holiday/beach.png", "size=small")));
        Assert.Equal(302, redirect.StatusCode);
        var location = new Uri(redirect.Headers["location"]);
        Assert.Equal("abcdefghijklmnop.lambda-url.eu-west-1.on.aws", location.Host);

        var reply = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.WithTarget("binary-response", location.AbsolutePath, location.Query.TrimStart('?'))));
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("image/png", reply.Headers["content-type"]);
        Assert.True(reply.IsBase64Encoded);
        Assert.Equal(thumbnail, Convert.FromBase64String(reply.Body!));
    }

    [Fact]
    public async Task UnknownRouteIs404()
    {
        var reply = await SendAsync("not-found");

        Assert.Equal(404, reply.StatusCode);
        Assert.False(reply.IsBase64Encoded);
    }

    [Fact]
    public async Task ThrownExceptionIs500ProblemWithoutStackTrace()
    {
        var reply = await SendAsync("thrown-exception");

        Assert.Equal(500, reply.StatusCode);
        Assert.Equal("application/problem+json", reply.Headers["content-type"]);
        Assert.False(reply.IsBase64Encoded);
        Assert.Equal(500, reply.Json().GetProperty("status").GetInt32());
        Assert.DoesNotContain("secret internal detail", reply.Body);
        Assert.DoesNotContain("TestEndpoints", reply.Body);
        // The exception handler clears the response's headers; the security headers are set after it.
        Assert.Equal("nosniff", reply.Headers["x-content-type-options"]);
        Assert.Equal("no-referrer", reply.Headers["referrer-policy"]);
    }

    [Fact]
    public async Task ResponseAboveSixMegabytesBecomes502Problem()
    {
        var reply = await SendAsync("too-large-response");

        Assert.Equal(502, reply.StatusCode);
        Assert.Equal("application/problem+json", reply.Headers["content-type"]);
        Assert.Equal("Response too large", reply.Json().GetProperty("title").GetString());
        Assert.Contains("7,000,000", reply.Json().GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ResponseJustUnderTheLimitIsSentWhole()
    {
        var bytes = 6 * 1024 * 1024 - 1024;
        var reply = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.WithTarget("too-large-response", "/large", $"bytes={bytes}")));

        Assert.Equal(200, reply.StatusCode);
        Assert.Equal(bytes, reply.Body!.Length);
    }

    [Fact]
    public async Task DeadlineCancelsTheRequestAndReportsAnInvocationError()
    {
        var reply = await Runtime.InvokeAsync(GoldenEvents.Load("wait-for-deadline"), timeout: TimeSpan.FromMilliseconds(800));

        Assert.True(reply.IsError);
        Assert.Equal("application/vnd.aws.lambda.error+json", reply.ContentType);
        Assert.Equal("Unhandled", reply.ErrorType);
        Assert.Contains("\"errorType\":\"DeadlineExceeded\"", reply.Body);
    }

    [Fact]
    public async Task OnStartingAndOnCompletedCallbacksRun()
    {
        var reply = await SendAsync("callbacks");

        Assert.Equal("ran", reply.Headers["x-on-starting"]);
        await fixture.Host.Services.GetRequiredService<TestEndpoints.CompletionProbe>().Completed.Task
            .WithinAsync("the OnCompleted callback to run after the response", TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task EachRequestGetsItsOwnServiceScope()
    {
        var first = (await SendAsync("get-multi-value-query")).Echo();
        var second = (await SendAsync("get-multi-value-query")).Echo();

        Assert.NotEqual(first.Scope, second.Scope);
    }

    [Fact]
    public async Task TraceIdIsSetPerInvocationAndClearedWhenAbsent()
    {
        const string trace = "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1";
        var traced = FunctionUrlReply.Parse(await Runtime.InvokeAsync(GoldenEvents.Load("get-multi-value-query"), traceId: trace)).Echo();
        var untraced = (await SendAsync("get-multi-value-query")).Echo();

        Assert.Equal(trace, traced.TraceId);
        Assert.Null(untraced.TraceId);
    }

    [Fact]
    public async Task PayloadThatIsNotAFunctionUrlEventIsAnInvocationError()
    {
        var reply = await Runtime.InvokeAsync("[1, 2, 3]");

        Assert.True(reply.IsError);
        Assert.Contains("\"errorType\":\"JsonException\"", reply.Body);
    }
}
