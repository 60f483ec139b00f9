using System.Net;
using System.Net.Http.Headers;

namespace ThumbApi.Lambda;

/// <summary>
/// Lambda's Invoke API with <c>X-Amz-Invocation-Type: Event</c>: Lambda queues the payload and answers <c>202</c> at
/// once; it runs the function later, retries a failed run twice and then gives the event to the function's failure
/// destination. https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
/// </summary>
/// <param name="endpoint">Lambda's endpoint, <c>https://lambda.{region}.amazonaws.com/</c> unless a test says otherwise.</param>
public sealed class LambdaEventInvoker(
    HttpClient http,
    Func<CancellationToken, Task<AwsCredentials>> credentials,
    TimeProvider time,
    string region,
    Uri endpoint)
{
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
        var signingCredentials = await credentials(cancellationToken);
        SigV4Signer.Sign(request, payload, region, "lambda", signingCredentials, time.GetUtcNow());

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new LambdaInvokeException(
                $"Lambda answered {(int)response.StatusCode} to an asynchronous invocation of {functionName}: {body[..Math.Min(body.Length, 500)]}");
        }
    }
}

public sealed class LambdaInvokeException(string message) : Exception(message);
