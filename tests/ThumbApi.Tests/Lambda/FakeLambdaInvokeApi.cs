using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Lambda;

/// <summary>Lambda's Invoke API on loopback: records each invocation and answers as Lambda does to an Event one.</summary>
public sealed class FakeLambdaInvokeApi : IAsyncDisposable
{
    private WebApplication _app = null!;

    public sealed record Invocation(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Invocation> Invocations { get; } = new();

    /// <summary>What the next invocations are answered: 202, as Lambda answers an accepted Event invocation.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status202Accepted;

    public Uri Url => LoopbackServer.BaseUrl(_app);

    public static async Task<FakeLambdaInvokeApi> StartAsync()
    {
        var fake = new FakeLambdaInvokeApi();
        fake._app = await LoopbackServer.StartAsync(app => app.MapPost("/2015-03-31/functions/{name}/invocations", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Invocations.Enqueue(new Invocation(request.Path, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                await reader.ReadToEndAsync()));
            return fake.StatusCode == StatusCodes.Status202Accepted
                ? Results.StatusCode(fake.StatusCode)
                : Results.Json(new { Type = "User", message = "The role may not invoke this function." }, statusCode: fake.StatusCode);
        }));
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
