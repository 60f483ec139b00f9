using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Notifications;

/// <summary>
/// SQS's JSON protocol on loopback (<c>X-Amz-Target: AmazonSQS.*</c>), for the two calls the service makes: records
/// each SendMessage and ChangeMessageVisibility, and answers as SQS does (with the MD5 of the body the SDK checks).
/// </summary>
public sealed class FakeSqsApi : IAsyncDisposable
{
    private WebApplication _app = null!;

    public sealed record Call(string Action, string Authorization, JsonObject Request);

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>What SendMessage is answered: 200, or the status of an SQS error.</summary>
    public int SendStatusCode { get; set; } = StatusCodes.Status200OK;

    public Uri QueueUrl => new(LoopbackServer.BaseUrl(_app), "123456789012/thumbapi-webhooks");

    public IEnumerable<string> SentBodies => Calls.Where(c => c.Action == "SendMessage").Select(c => c.Request["MessageBody"]!.GetValue<string>());

    public IEnumerable<JsonObject> VisibilityChanges => Calls.Where(c => c.Action == "ChangeMessageVisibility").Select(c => c.Request);

    public static async Task<FakeSqsApi> StartAsync()
    {
        var fake = new FakeSqsApi();
        fake._app = await LoopbackServer.StartAsync(app => app.MapPost("/", async (HttpRequest request) =>
        {
            var target = request.Headers["X-Amz-Target"].ToString();
            var action = target.StartsWith("AmazonSQS.", StringComparison.Ordinal) ? target["AmazonSQS.".Length..] : target;
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            fake.Calls.Enqueue(new Call(action, request.Headers.Authorization.ToString(), body));
            return action switch
            {
                "SendMessage" when fake.SendStatusCode != StatusCodes.Status200OK => Error(fake.SendStatusCode, "ServiceUnavailable", "The service is unavailable."),
                "SendMessage" => Json(new JsonObject
                {
                    ["MessageId"] = Guid.NewGuid().ToString(),
                    ["MD5OfMessageBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body["MessageBody"]!.GetValue<string>()))),
                }),
                "ChangeMessageVisibility" => Json(new JsonObject()),
                _ => Error(400, "InvalidAction", $"{target} is not an action this stand-in knows."),
            };
        }));
        return fake;
    }

    /// <summary>The event Lambda's SQS poller would invoke a function with, one record per body, each received <paramref name="receiveCount"/> times.</summary>
    public static string EventOf(IEnumerable<string> bodies, int receiveCount = 1) => new JsonObject
    {
        ["Records"] = new JsonArray(bodies.Select((body, i) => (JsonNode)new JsonObject
        {
            ["messageId"] = $"00000000-0000-4000-8000-00000000000{i}",
            ["receiptHandle"] = $"receipt-{i}",
            ["body"] = body,
            ["attributes"] = new JsonObject
            {
                ["ApproximateReceiveCount"] = receiveCount.ToString(),
                ["SentTimestamp"] = "1764813600000",
                ["SenderId"] = "AROAEXAMPLE:thumbapi-thumbnails",
                ["ApproximateFirstReceiveTimestamp"] = "1764813600010",
            },
            ["messageAttributes"] = new JsonObject(),
            ["md5OfBody"] = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body))),
            ["eventSource"] = "aws:sqs",
            ["eventSourceARN"] = "arn:aws:sqs:us-east-1:123456789012:thumbapi-webhooks",
            ["awsRegion"] = "us-east-1",
        }).ToArray()),
    }.ToJsonString();

    private static IResult Json(JsonObject body) =>
        Results.Text(body.ToJsonString(), "application/x-amz-json-1.0", Encoding.UTF8, StatusCodes.Status200OK);

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["__type"] = $"com.amazonaws.sqs#{code}", ["message"] = message }.ToJsonString(),
            "application/x-amz-json-1.0", Encoding.UTF8, status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
