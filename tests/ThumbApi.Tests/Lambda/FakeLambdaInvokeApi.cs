using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Lambda;

/// <summary>
/// Lambda's API on loopback: Invoke, recording each invocation and answering as Lambda does to an Event one; and
/// GetFunctionUrlConfig, which knows the Function URL of <see cref="ApiFunction"/> only.
/// </summary>
public sealed class FakeLambdaInvokeApi : IAsyncDisposable
{
    private WebApplication _app = null!;

    public sealed record Invocation(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public ConcurrentQueue<Invocation> Invocations { get; } = new();

    /// <summary>What the next invocations are answered: 202, as Lambda answers an accepted Event invocation.</summary>
    public int StatusCode { get; set; } = StatusCodes.Status202Accepted;

    public Uri Url => LoopbackServer.BaseUrl(_app);

    public const string ApiFunction = "thumbapi-api";
    public static readonly Uri ApiFunctionUrl = new("https://abcdefghij.lambda-url.us-east-1.on.aws/");

    /// <summary>The Authorization header of each GetFunctionUrlConfig call.</summary>
    public ConcurrentQueue<string> UrlLookups { get; } = new();

    public static async Task<FakeLambdaInvokeApi> StartAsync()
    {
        var fake = new FakeLambdaInvokeApi();
        fake._app = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/2021-10-31/functions/{name}/url", (string name, HttpRequest request) =>
            {
                fake.UrlLookups.Enqueue(request.Headers.Authorization.ToString());
                // Lambda's REST API spells its members in PascalCase.
                return name == ApiFunction
                    ? Results.Text($$"""{"AuthType":"NONE","FunctionArn":"arn:aws:lambda:us-east-1:123456789012:function:{{name}}","FunctionUrl":"{{ApiFunctionUrl}}","InvokeMode":"BUFFERED"}""",
                        "application/json")
                    : Results.Text($$"""{"Type":"User","Message":"Function URL not found: {{name}}"}""", "application/json", statusCode: StatusCodes.Status404NotFound);
            });
            MapInvoke(app, fake);
        });
        return fake;
    }

    private static void MapInvoke(WebApplication app, FakeLambdaInvokeApi fake) =>
        app.MapPost("/2015-03-31/functions/{name}/invocations", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            fake.Invocations.Enqueue(new Invocation(request.Path, request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                await reader.ReadToEndAsync()));
            return fake.StatusCode == StatusCodes.Status202Accepted
                ? Results.StatusCode(fake.StatusCode)
                : Results.Json(new { Type = "User", message = "The role may not invoke this function." }, statusCode: fake.StatusCode);
        });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
