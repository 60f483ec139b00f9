using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Notifications;

/// <summary>EventBridge's PutEvents in its JSON protocol on loopback: records each entry, answers as EventBridge does.</summary>
public sealed class FakeEventBridgeApi : IAsyncDisposable
{
    private WebApplication _app = null!;

    public sealed record Call(string Target, string Authorization, JsonObject Entry);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>When set, every entry is refused with this error code in a 200 answer, as EventBridge refuses one entry.</summary>
    public string? RefuseWith { get; set; }

    public Uri Url => LoopbackServer.BaseUrl(_app);

    public static async Task<FakeEventBridgeApi> StartAsync()
    {
        var fake = new FakeEventBridgeApi();
        fake._app = await LoopbackServer.StartAsync(app => app.MapPost("/", async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!;
            var entries = body["Entries"]!.AsArray();
            foreach (var entry in entries)
                fake.Calls.Enqueue(new Call(request.Headers["X-Amz-Target"].ToString(), request.Headers.Authorization.ToString(), entry!.AsObject()));
            var results = new JsonArray(entries.Select(_ => (JsonNode)(fake.RefuseWith is { } code
                ? new JsonObject { ["ErrorCode"] = code, ["ErrorMessage"] = "Refused by the test." }
                : new JsonObject { ["EventId"] = Guid.NewGuid().ToString() })).ToArray());
            var answer = new JsonObject { ["FailedEntryCount"] = fake.RefuseWith is null ? 0 : entries.Count, ["Entries"] = results };
            return Results.Text(answer.ToJsonString(), "application/x-amz-json-1.1", Encoding.UTF8);
        }));
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
