using Microsoft.Extensions.Time.Testing;
using ThumbApi.Lambda;

namespace ThumbApi.Tests.Lambda;

public sealed class LambdaApiClientTests : IAsyncLifetime
{
    private FakeLambdaInvokeApi _lambda = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _lambda = await FakeLambdaInvokeApi.StartAsync();

    public async Task DisposeAsync() => await _lambda.DisposeAsync();

    private LambdaApiClient Invoker() => new(new HttpClient(), _ => Task.FromResult(new AwsCredentials("AKIDEXAMPLE", "secret", "session")),
        _clock, "eu-west-1", _lambda.Url);

    [Fact]
    public async Task An_event_invocation_is_a_signed_POST_of_the_payload_to_the_functions_invocations()
    {
        await Invoker().InvokeAsync("thumbapi-thumbnails", """{"refresh":{"name":"a.jpg"}}"""u8.ToArray(), CancellationToken.None);

        var invocation = Assert.Single(_lambda.Invocations);
        Assert.Equal("/2015-03-31/functions/thumbapi-thumbnails/invocations", invocation.Path);
        Assert.Equal("""{"refresh":{"name":"a.jpg"}}""", invocation.Body);
        Assert.Equal("Event", invocation.Headers["x-amz-invocation-type"]);
        Assert.Equal("application/json", invocation.Headers["content-type"]);
        Assert.Equal("20261204T100000Z", invocation.Headers["x-amz-date"]);
        Assert.Equal("session", invocation.Headers["x-amz-security-token"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-1/lambda/aws4_request, " +
                          "SignedHeaders=content-type;host;x-amz-date;x-amz-invocation-type;x-amz-security-token, Signature=",
            invocation.Headers["authorization"]);
    }

    [Fact]
    public async Task An_invocation_Lambda_refuses_is_an_error_carrying_its_answer()
    {
        _lambda.StatusCode = 403;

        var error = await Assert.ThrowsAsync<LambdaInvokeException>(() =>
            Invoker().InvokeAsync("thumbapi-thumbnails", "{}"u8.ToArray(), CancellationToken.None));

        Assert.Contains("403", error.Message);
        Assert.Contains("may not invoke", error.Message);
    }
}
