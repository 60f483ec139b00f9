using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ThumbApi.LambdaLocal;

/// <summary>
/// Lambda's Runtime API as a real HTTP server on loopback, speaking the 2018-06-01 protocol: it queues events,
/// hands them out on <c>/next</c> with the invocation headers, and records what the runtime posts back.
/// </summary>
public sealed class FakeRuntimeApi : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime";
    private readonly Channel<QueuedEvent> _events = Channel.CreateUnbounded<QueuedEvent>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeReply>> _pending = new();
    private readonly TaskCompletionSource<RuntimeReply> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;

    private FakeRuntimeApi(WebApplication app) => _app = app;

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>: host and port, no scheme.</summary>
    public string Address { get; private set; } = "";

    public int NextCalls;

    public static async Task<FakeRuntimeApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeRuntimeApi(app);
        app.MapGet(Prefix + "/invocation/next", fake.NextAsync);
        app.MapPost(Prefix + "/invocation/{id}/response", (string id, HttpRequest request) => fake.RecordAsync(id, request, isError: false));
        app.MapPost(Prefix + "/invocation/{id}/error", (string id, HttpRequest request) => fake.RecordAsync(id, request, isError: true));
        app.MapPost(Prefix + "/init/error", fake.RecordInitErrorAsync);
        await app.StartAsync();
        fake.Address = new Uri(app.Urls.First()).Authority;
        return fake;
    }

    /// <summary>Queues one event and waits for the runtime's response or error.</summary>
    public async Task<RuntimeReply> InvokeAsync(string payload, TimeSpan? timeout = null, string? traceId = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var reply = _pending.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        await _events.Writer.WriteAsync(new QueuedEvent(requestId, deadline, traceId, payload));
        try
        {
            return await reply.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Waited 120 s for the runtime's response or error for invocation {requestId}.");
        }
    }

    public Task<RuntimeReply> InitError => _initError.Task;

    /// <summary>
    /// Runs when an invocation's response or error arrives, before it is acknowledged: where Lambda freezes the
    /// process, so that a test can freeze it there too.
    /// </summary>
    public Action? OnReply { get; set; }

    private async Task NextAsync(HttpContext context)
    {
        Interlocked.Increment(ref NextCalls);
        var next = await _events.Reader.ReadAsync(context.RequestAborted);
        var headers = context.Response.Headers;
        // Lowercase on purpose: HTTP header names are case-insensitive, and the runtime must not care.
        headers["lambda-runtime-aws-request-id"] = next.RequestId;
        headers["Lambda-Runtime-Deadline-Ms"] = next.Deadline.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:123456789012:function:thumbapi";
        if (next.TraceId is not null) headers["Lambda-Runtime-Trace-Id"] = next.TraceId;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(next.Payload);
    }

    private async Task<IResult> RecordAsync(string id, HttpRequest request, bool isError)
    {
        if (!_pending.TryGetValue(id, out var reply)) return Results.NotFound();
        var recorded = await ReadAsync(id, request, isError);
        OnReply?.Invoke();
        reply.TrySetResult(recorded);
        return Results.Accepted();
    }

    private async Task<IResult> RecordInitErrorAsync(HttpRequest request)
    {
        _initError.TrySetResult(await ReadAsync("", request, isError: true));
        return Results.Accepted();
    }

    private static async Task<RuntimeReply> ReadAsync(string id, HttpRequest request, bool isError)
    {
        using var reader = new StreamReader(request.Body);
        return new RuntimeReply(id, isError, await reader.ReadToEndAsync(), request.ContentType,
            request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record QueuedEvent(string RequestId, DateTimeOffset Deadline, string? TraceId, string Payload);
}

/// <summary>What the runtime posted for one invocation (or for init).</summary>
public sealed record RuntimeReply(string RequestId, bool IsError, string Body, string? ContentType, string? ErrorType);
