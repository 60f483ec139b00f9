using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.LambdaLocal;

/// <summary>
/// What a Lambda Function URL does around the function: an HTTP request becomes an event in payload format 2.0,
/// and the function's answer becomes the HTTP response.
/// </summary>
public static class FunctionUrlEvents
{
    public static async Task<string> FromRequestAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);

        // The path and query exactly as sent, still percent-encoded, as rawPath and rawQueryString are.
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.ToUriComponent() + request.QueryString;
        var queryAt = target.IndexOf('?');
        var rawPath = queryAt < 0 ? target : target[..queryAt];
        var rawQuery = queryAt < 0 ? "" : target[(queryAt + 1)..];

        // Function URLs lower-case header names, join repeated ones with commas and move cookies to their own list.
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            if (!name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)) headers[name.ToLowerInvariant()] = string.Join(',', values.ToArray());
        }
        var cookies = new JsonArray();
        foreach (var header in request.Headers.Cookie)
        {
            foreach (var cookie in (header ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)) cookies.Add(cookie);
        }

        var now = DateTimeOffset.UtcNow;
        var requestEvent = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = rawPath,
            ["rawQueryString"] = rawQuery,
            ["cookies"] = cookies,
            ["headers"] = headers,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "anonymous",
                ["apiId"] = "local",
                ["domainName"] = request.Host.Value,
                ["domainPrefix"] = request.Host.Host,
                ["http"] = new JsonObject
                {
                    ["method"] = request.Method,
                    ["path"] = Uri.UnescapeDataString(rawPath),
                    ["protocol"] = request.Protocol,
                    ["sourceIp"] = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                    ["userAgent"] = request.Headers.UserAgent.ToString(),
                },
                ["requestId"] = Guid.NewGuid().ToString(),
                ["routeKey"] = "$default",
                ["stage"] = "$default",
                ["time"] = now.ToString("dd/MMM/yyyy:HH:mm:ss zz00", CultureInfo.InvariantCulture),
                ["timeEpoch"] = now.ToUnixTimeMilliseconds(),
            },
            // Lambda sends text bodies as they are and others in base64; base64 for every body is also valid.
            ["body"] = body.Length == 0 ? null : Convert.ToBase64String(body.GetBuffer(), 0, (int)body.Length),
            ["isBase64Encoded"] = body.Length > 0,
        };
        return requestEvent.ToJsonString();
    }

    /// <summary>The function's answer as HTTP; an answer without <c>statusCode</c> is a 200 JSON body, as Lambda reads it.</summary>
    public static async Task WriteResponseAsync(string reply, HttpResponse response)
    {
        var answer = JsonNode.Parse(reply);
        if (answer is not JsonObject envelope || envelope["statusCode"] is null)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(reply);
            return;
        }

        response.StatusCode = envelope["statusCode"]!.GetValue<int>();
        foreach (var (name, value) in envelope["headers"]?.AsObject() ?? [])
        {
            // The server sets the framing itself.
            if (name.Equals("content-length", StringComparison.OrdinalIgnoreCase) || name.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase)) continue;
            response.Headers[name] = value?.GetValue<string>();
        }
        foreach (var cookie in envelope["cookies"]?.AsArray() ?? []) response.Headers.Append("Set-Cookie", cookie?.GetValue<string>());

        var text = envelope["body"]?.GetValue<string>();
        if (text is null) return;
        var bytes = envelope["isBase64Encoded"]?.GetValue<bool>() == true ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
        await response.Body.WriteAsync(bytes);
    }
}
