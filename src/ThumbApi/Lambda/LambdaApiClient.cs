using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ThumbApi.Lambda;

/// <summary>
/// The two calls of Lambda's API the service makes with its function's own role, signed by <see cref="SigV4Signer"/>
/// (no <c>AWSSDK.Lambda</c> package is available to the build): an asynchronous Invoke, and GetFunctionUrlConfig.
/// </summary>
/// <param name="endpoint">Lambda's endpoint, <c>https://lambda.{region}.amazonaws.com/</c> unless a test says otherwise.</param>
public sealed class LambdaApiClient(
    HttpClient http,
    Func<CancellationToken, Task<AwsCredentials>> credentials,
    TimeProvider time,
    string region,
    Uri endpoint)
{
    /// <summary>A client with the role's credentials from the environment, at the region's public endpoint unless one is given.</summary>
    public static LambdaApiClient ForFunctionRole(TimeProvider time, string region, Uri? endpoint, TimeSpan timeout) =>
        new(new HttpClient { Timeout = timeout }, AwsCredentials.FromEnvironmentAsync, time, region,
            endpoint ?? new Uri($"https://lambda.{region}.amazonaws.com/"));

    /// <summary>
    /// Invoke with <c>X-Amz-Invocation-Type: Event</c>: Lambda queues the payload and answers <c>202</c> at once; it
    /// runs the function later, retries a failed run twice and then gives the event to the function's failure
    /// destination. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
    /// </summary>
    /// <param name="functionName">A function name (not an ARN): its path segment then needs no encoding.</param>
    /// <exception cref="LambdaInvokeException">Lambda did not accept the event.</exception>
    public async Task InvokeAsync(string functionName, byte[] payload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, $"2015-03-31/functions/{functionName}/invocations"))
        {
            Content = new ByteArrayContent(payload),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Amz-Invocation-Type", "Event");
        await SignAsync(request, payload, cancellationToken);

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LambdaInvokeException(
                $"Lambda answered {(int)response.StatusCode} to an asynchronous invocation of {functionName}: {Cut(body)}");
        }
    }

    /// <summary>
    /// GetFunctionUrlConfig: the public address of a function's Function URL, which exists only once the function
    /// does, so its callers learn it at run time instead of from their configuration.
    /// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionUrlConfig.html
    /// </summary>
    /// <param name="functionName">A function name (not an ARN): its path segment then needs no encoding.</param>
    /// <exception cref="FunctionUrlLookupException">Lambda did not say.</exception>
    public async Task<Uri> GetFunctionUrlAsync(string functionName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, $"2021-10-31/functions/{functionName}/url"));
        await SignAsync(request, [], cancellationToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new FunctionUrlLookupException($"Lambda answered {(int)response.StatusCode} to the Function URL of {functionName}: {Cut(body)}");
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("FunctionUrl", out var url) && Uri.TryCreate(url.GetString(), UriKind.Absolute, out var address)
                ? address
                : throw new FunctionUrlLookupException($"Lambda's answer for {functionName} holds no FunctionUrl.");
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new FunctionUrlLookupException($"The Function URL of {functionName} could not be looked up: {e.Message}", e);
        }
    }

    private async Task SignAsync(HttpRequestMessage request, byte[] payload, CancellationToken cancellationToken)
    {
        var signingCredentials = await credentials(cancellationToken);
        SigV4Signer.Sign(request, payload, region, "lambda", signingCredentials, time.GetUtcNow());
    }

    private static string Cut(string text) => text[..Math.Min(text.Length, 500)];
}

public sealed class LambdaInvokeException(string message) : Exception(message);

public sealed class FunctionUrlLookupException(string message, Exception? innerException = null) : Exception(message, innerException);
