using System.Text.Json;

namespace ThumbApi.Lambda;

/// <summary>
/// Lambda's GetFunctionUrlConfig: the public address of a function's Function URL, which exists only once the
/// function does, so its callers learn it at run time instead of from their configuration.
/// https://docs.aws.amazon.com/lambda/latest/api/API_GetFunctionUrlConfig.html
/// </summary>
/// <param name="endpoint">Lambda's endpoint, <c>https://lambda.{region}.amazonaws.com/</c> unless a test says otherwise.</param>
public sealed class FunctionUrlLookup(
    HttpClient http, Func<CancellationToken, Task<AwsCredentials>> credentials, TimeProvider time, string region, Uri endpoint)
{
    /// <param name="functionName">A function name (not an ARN): its path segment then needs no encoding.</param>
    /// <exception cref="FunctionUrlLookupException">Lambda did not say.</exception>
    public async Task<Uri> GetAsync(string functionName, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint, $"2021-10-31/functions/{functionName}/url"));
        var signingCredentials = await credentials(cancellationToken);
        SigV4Signer.Sign(request, [], region, "lambda", signingCredentials, time.GetUtcNow());
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new FunctionUrlLookupException($"Lambda answered {(int)response.StatusCode} to the Function URL of {functionName}: {body[..Math.Min(body.Length, 500)]}");
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
}

public sealed class FunctionUrlLookupException(string message, Exception? innerException = null) : Exception(message, innerException);
