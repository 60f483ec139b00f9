using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThumbApi.Tests.Lambda;

/// <summary>The recorded events in <c>Lambda/Events</c>, and a reader for the Function URL responses they produce.</summary>
public static class GoldenEvents
{
    public static string Load(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lambda", "Events", name + ".json"));

    /// <summary>A golden Function URL event with its path and query replaced, for URLs only known at run time.</summary>
    public static string WithTarget(string name, string rawPath, string rawQueryString)
    {
        var node = JsonNode.Parse(Load(name))!;
        node["rawPath"] = rawPath;
        node["rawQueryString"] = rawQueryString;
        node["requestContext"]!["http"]!["path"] = rawPath;
        return node.ToJsonString();
    }

    /// <summary>A golden Function URL event with its body replaced (as plain text), for sizes only known at run time.</summary>
    public static string WithBody(string name, string body)
    {
        var node = JsonNode.Parse(Load(name))!;
        node["body"] = body;
        node["isBase64Encoded"] = false;
        node["headers"]!["content-length"] = System.Text.Encoding.UTF8.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return node.ToJsonString();
    }
}

public sealed record FunctionUrlReply(int StatusCode, Dictionary<string, string> Headers, string[] Cookies, string? Body, bool IsBase64Encoded)
{
    public static FunctionUrlReply Parse(RuntimeReply reply)
    {
        Assert.False(reply.IsError, $"The invocation failed: {reply.Body}");
        using var document = JsonDocument.Parse(reply.Body);
        var root = document.RootElement;
        return new FunctionUrlReply(
            root.GetProperty("statusCode").GetInt32(),
            root.TryGetProperty("headers", out var headers)
                ? headers.EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.OrdinalIgnoreCase)
                : [],
            root.TryGetProperty("cookies", out var cookies) ? [.. cookies.EnumerateArray().Select(c => c.GetString()!)] : [],
            root.TryGetProperty("body", out var body) ? body.GetString() : null,
            root.GetProperty("isBase64Encoded").GetBoolean());
    }

    public JsonElement Json() => JsonDocument.Parse(Body!).RootElement;

    public TestEndpoints.Echo Echo()
    {
        var echo = JsonSerializer.Deserialize<TestEndpoints.Echo>(Body!, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        return echo with { Headers = new(echo.Headers, StringComparer.OrdinalIgnoreCase) };
    }
}
