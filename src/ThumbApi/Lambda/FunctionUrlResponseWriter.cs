using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;

namespace ThumbApi.Lambda;

/// <summary>Turns the application's response into a Function URL response payload that Lambda will accept.</summary>
public static class FunctionUrlResponseWriter
{
    /// <summary>Lambda refuses a synchronous response payload above 6 MB: the serialized JSON, not the body.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    /// <summary>
    /// Nobody embeds this JSON in HTML, so nothing needs HTML escaping: the default encoder would write every
    /// <c>+</c> of a base64 body as six bytes and every non-ASCII character of a text body as <c>\uXXXX</c>.
    /// </summary>
    private static readonly JsonTypeInfo<FunctionUrlResponse> Payload = (JsonTypeInfo<FunctionUrlResponse>)
        new JsonSerializerOptions(LambdaJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            .GetTypeInfo(typeof(FunctionUrlResponse));

    public static byte[] Serialize(FunctionUrlResponseFeature response)
    {
        if (response.Buffer.Overflowed) return TooLarge(response.Buffer.Written, "body");
        var payload = JsonSerializer.SerializeToUtf8Bytes(ToPayload(response), Payload);
        return payload.Length <= MaxPayloadBytes ? payload : TooLarge(payload.Length, "payload");
    }

    private static FunctionUrlResponse ToPayload(FunctionUrlResponseFeature response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        List<string>? cookies = null;
        foreach (var (name, values) in response.Headers)
        {
            if (name.Equals(HeaderNames.SetCookie, StringComparison.OrdinalIgnoreCase))
                (cookies ??= []).AddRange(values.OfType<string>());
            else
                headers[name] = string.Join(',', values.OfType<string>());
        }

        var body = response.Buffer.Content;
        if (body.IsEmpty) return new FunctionUrlResponse(response.StatusCode, headers, cookies, null, false);
        return IsText(response.Headers.ContentType, body)
            ? new FunctionUrlResponse(response.StatusCode, headers, cookies, Encoding.UTF8.GetString(body), false)
            : new FunctionUrlResponse(response.StatusCode, headers, cookies, Convert.ToBase64String(body), true);
    }

    /// <summary>
    /// Whether the body can travel as a JSON string unchanged: a textual media type in UTF-8. Everything else,
    /// images included, and a body without a content type, goes as base64.
    /// </summary>
    public static bool IsText(string? contentType, ReadOnlySpan<byte> body)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)) return false;
        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !media.Charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
            return false;
        var type = media.MediaType.Value!.ToLowerInvariant();
        var textual = type.StartsWith("text/", StringComparison.Ordinal)
            || type.EndsWith("+json", StringComparison.Ordinal)
            || type.EndsWith("+xml", StringComparison.Ordinal)
            || type is "application/json" or "application/xml" or "application/javascript" or "application/ecmascript"
                or "application/x-www-form-urlencoded" or "application/yaml";
        return textual && Utf8.IsValid(body);
    }

    private static byte[] TooLarge(long size, string what)
    {
        var problem = new ResponseTooLargeProblem(
            "https://tools.ietf.org/html/rfc9110#section-15.6.3",
            "Response too large",
            StatusCodes.Status502BadGateway,
            $"The response {what} has {size:N0} bytes; a Lambda response is limited to {MaxPayloadBytes:N0} bytes.");
        var payload = new FunctionUrlResponse(StatusCodes.Status502BadGateway,
            new Dictionary<string, string> { [HeaderNames.ContentType] = "application/problem+json" }, null,
            JsonSerializer.Serialize(problem, LambdaJsonContext.Default.ResponseTooLargeProblem), false);
        return JsonSerializer.SerializeToUtf8Bytes(payload, Payload);
    }
}
