using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ThumbApi.Lambda;

/// <summary>
/// The custom runtime's side of Lambda's Runtime API
/// (<see href="https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html"/>) over one long-lived connection.
/// </summary>
public sealed class RuntimeApiClient : IDisposable
{
    public const string EnvironmentVariable = "AWS_LAMBDA_RUNTIME_API";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";
    private static readonly MediaTypeHeaderValue ErrorContentType = new("application/vnd.aws.lambda.error+json");
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private int _polled;

    public RuntimeApiClient(string runtimeApi)
    {
        // The long poll of /next may wait for minutes while the environment is frozen: no timeout may cut it, and
        // a proxy from the environment must never see this loopback traffic.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>Whether <c>/next</c> was called, which ends the init phase: init errors can no longer be reported.</summary>
    public bool HasPolled => Volatile.Read(ref _polled) == 1;

    public async Task<LambdaInvocation> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _polled, 1);
        using var response = await _http.GetAsync("invocation/next", cancellationToken);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id.");
        DateTimeOffset? deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
        return new LambdaInvocation(requestId, deadline, Header(response, "Lambda-Runtime-Invoked-Function-Arn"),
            Header(response, "Lambda-Runtime-Trace-Id"), await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public async Task PostResponseAsync(string requestId, byte[] payload, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = JsonContentType;
        using var response = await _http.PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async Task PostErrorAsync(string requestId, LambdaError error, string errorType, CancellationToken cancellationToken)
    {
        using var request = ErrorRequest($"invocation/{Uri.EscapeDataString(requestId)}/error", error, errorType);
        using var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Synchronous, because it runs while the process is dying of an unhandled exception.</summary>
    public void PostInitError(LambdaError error, string errorType)
    {
        using var request = ErrorRequest("init/error", error, errorType);
        using var response = _http.Send(request);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage ErrorRequest(string path, LambdaError error, string errorType)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(error, LambdaJsonContext.Default.LambdaError));
        content.Headers.ContentType = ErrorContentType;
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(ErrorTypeHeader, errorType);
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
