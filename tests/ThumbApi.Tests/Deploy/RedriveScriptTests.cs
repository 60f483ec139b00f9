using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Tests.Lambda;

namespace ThumbApi.Tests.Deploy;

/// <summary>
/// <c>build/redrive.sh</c> against a stand-in <c>aws</c> command that serves queued messages and records every
/// invocation and deletion: each dead-lettered event must reach the thumbnails function in the shape it parses,
/// and only what succeeded may leave the queue.
/// </summary>
[SupportedOSPlatform("linux")] // the script and its stand-in are bash
public sealed class RedriveScriptTests : IDisposable
{
    // Serves messages/N.json in order, writes each invocation's payload to invoked/, answers FunctionError when
    // the payload mentions "fails-again", and logs deletions to deleted.log.
    private const string FakeAws = """
        #!/usr/bin/env bash
        set -euo pipefail
        state="$FAKE_AWS_STATE"
        case "$1 $2" in
          "sqs receive-message")
            next="$(ls "$state/messages" | sort -n | head -n 1)"
            [[ -z "$next" ]] && exit 0
            jq -n --rawfile body "$state/messages/$next" --arg id "$next" \
              '{Messages: [{MessageId: $id, ReceiptHandle: ("receipt-" + $id), Body: $body}]}'
            mv "$state/messages/$next" "$state/in-flight-$next" ;;
          "lambda invoke")
            payload="" out=""
            while [[ $# -gt 0 ]]; do
              case "$1" in --payload) payload="${2#fileb://}"; shift ;; --function-name) echo "$2" >>"$state/functions.log"; shift ;; --output) shift ;; *) out="$1" ;; esac
              shift
            done
            n=$(ls "$state/invoked" | wc -l)
            cp "$payload" "$state/invoked/$n.json"
            echo '{}' >"$out"
            if grep -q fails-again "$payload"; then echo '{"StatusCode": 200, "FunctionError": "Unhandled"}'; else echo '{"StatusCode": 200}'; fi ;;
          "sqs delete-message")
            echo "${@: -1}" >>"$state/deleted.log" ;;
          *) echo "unexpected: $*" >&2; exit 1 ;;
        esac
        """;

    private readonly string _state = Directory.CreateTempSubdirectory("thumbapi-redrive-").FullName;

    public RedriveScriptTests()
    {
        Directory.CreateDirectory(Path.Combine(_state, "messages"));
        Directory.CreateDirectory(Path.Combine(_state, "invoked"));
        Directory.CreateDirectory(Path.Combine(_state, "bin"));
        File.WriteAllText(Path.Combine(_state, "bin", "aws"), FakeAws.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(Path.Combine(_state, "bin", "aws"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(_state, "deleted.log"), "");
    }

    private static JsonNode SnsEvent(string key) => JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "Lambda", "Events", "sns-one-record-encoded-key.json")).Replace("My+Photo+%C3%A9t%C3%A9.jpg", key))!;

    [Fact]
    public async Task ReplaysALambdaFailureRecordAsItsOriginalEventAndDeletesIt()
    {
        var original = SnsEvent("lost.jpg");
        Enqueue(new JsonObject
        {
            ["version"] = "1.0",
            ["requestContext"] = new JsonObject { ["condition"] = "RetriesExhausted", ["approximateInvokeCount"] = 3 },
            ["requestPayload"] = original.DeepClone(),
            ["responsePayload"] = new JsonObject { ["errorType"] = "StorageUnavailable" },
        }.ToJsonString());

        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse(File.ReadAllText(Invoked(0)))), "the replayed event is not the original one");
        Assert.Equal("images/lost.jpg", Assert.Single(NotificationParser.Parse(File.ReadAllText(Invoked(0)))).Key);
        Assert.Equal(["receipt-0.json"], File.ReadAllLines(Path.Combine(_state, "deleted.log")));
        Assert.Equal(["thumbapi-thumbnails"], File.ReadAllLines(Path.Combine(_state, "functions.log")));
    }

    [Fact]
    public async Task WrapsAnUndeliveredSnsNotificationBackIntoTheEventLambdaReceives()
    {
        var notification = SnsEvent("undelivered.jpg")["Records"]![0]!["Sns"]!;
        Enqueue(notification.ToJsonString());

        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode == 0, output);
        var replayed = JsonNode.Parse(File.ReadAllText(Invoked(0)))!;
        Assert.Equal("aws:sns", replayed["Records"]![0]!["EventSource"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(notification, replayed["Records"]![0]!["Sns"]), "the notification was changed");
        Assert.Equal("images/undelivered.jpg", Assert.Single(NotificationParser.Parse(File.ReadAllText(Invoked(0)))).Key);
        Assert.Equal(["receipt-0.json"], File.ReadAllLines(Path.Combine(_state, "deleted.log")));
    }

    [Fact]
    public async Task LeavesWhatFailsAgainOrIsUnknownInTheQueueAndExitsNonZero()
    {
        Enqueue(SnsEvent("fails-again.jpg")["Records"]![0]!["Sns"]!.ToJsonString());
        Enqueue("""{"something": "else"}""");
        Enqueue(SnsEvent("fine.jpg")["Records"]![0]!["Sns"]!.ToJsonString());

        var (exitCode, output) = await RunAsync();

        Assert.True(exitCode != 0, $"redrive.sh succeeded although a replay failed:\n{output}");
        Assert.Equal(["receipt-2.json"], File.ReadAllLines(Path.Combine(_state, "deleted.log")));
        Assert.Contains("1 replayed, 2 left in the queue", output);
    }

    private void Enqueue(string body) =>
        File.WriteAllText(Path.Combine(_state, "messages", $"{Directory.GetFiles(Path.Combine(_state, "messages")).Length}.json"), body);

    private string Invoked(int index) => Path.Combine(_state, "invoked", $"{index}.json");

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(RepositoryPaths.Root, "build", "redrive.sh"),
            "https://sqs.eu-west-1.amazonaws.com/123456789012/thumbapi-thumbnails-dlq", "thumbapi-thumbnails"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PATH"] = $"{Path.Combine(_state, "bin")}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["FAKE_AWS_STATE"] = _state;
        using var redrive = Process.Start(start)!;
        var output = redrive.StandardOutput.ReadToEndAsync();
        var errors = redrive.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await redrive.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            redrive.Kill(entireProcessTree: true);
            Assert.Fail($"redrive.sh did not finish within a minute:\n{await output}\n{await errors}");
        }
        return (redrive.ExitCode, $"{await output}{await errors}");
    }

    public void Dispose() => Directory.Delete(_state, recursive: true);
}
