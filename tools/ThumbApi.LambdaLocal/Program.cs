using System.Collections;

namespace ThumbApi.LambdaLocal;

/// <summary>
/// <c>dotnet run --project tools/ThumbApi.LambdaLocal -- api|thumbnails|webhooks [--package DIR] [--url URL] [--event FILE]</c>:
/// runs the packaged bootstrap in one role behind a local Runtime API (docs/lambda-package.md).
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: ThumbApi.LambdaLocal api|thumbnails|webhooks [--package DIR] [--url URL] [--event FILE]\n" +
        "  --package  the unzipped package, default artifacts/publish/linux-x64 (bash build/package.sh linux-x64)\n" +
        "  --url      where the front listens, default http://localhost:9000 (api), :9001 (thumbnails) or :9002 (webhooks)\n" +
        "  --event    thumbnails and webhooks only: deliver this event (S3 or SNS JSON, an SQS batch) once, print the answer and exit";

    private static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not (LocalFunction.Api or LocalFunction.Thumbnails or LocalFunction.Webhooks) || args.Length % 2 == 0)
            return Fail(Usage);
        var role = args[0];
        var options = new Dictionary<string, string>();
        for (var i = 1; i < args.Length; i += 2) options[args[i]] = args[i + 1];
        if (options.Keys.Except(["--package", "--url", "--event"]).FirstOrDefault() is { } unknown) return Fail($"unknown option {unknown}\n{Usage}");
        if (options.ContainsKey("--event") && role == LocalFunction.Api) return Fail($"--event is for the event roles\n{Usage}");

        var taskRoot = Path.GetFullPath(options.GetValueOrDefault("--package", Path.Combine("artifacts", "publish", "linux-x64")));
        var url = options.GetValueOrDefault("--url", role switch
        {
            LocalFunction.Api => "http://localhost:9000",
            LocalFunction.Thumbnails => "http://localhost:9001",
            _ => "http://localhost:9002",
        });
        // The function gets this process's environment (Storage__*, AWS credentials…), as it would get its configuration.
        var environment = Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");

        await using var function = await StartAsync(role, taskRoot, url, environment);
        if (function is null) return 1;

        if (options.TryGetValue("--event", out var eventFile))
        {
            var reply = await function.InvokeAsync(await File.ReadAllTextAsync(eventFile));
            Console.WriteLine(reply.Body);
            return reply.IsError ? 1 : 0;
        }

        Console.WriteLine(role switch
        {
            LocalFunction.Api => $"The api function answers at {function.Address} as its Function URL would. Ctrl+C stops it.",
            LocalFunction.Thumbnails => $"The thumbnails function takes events at POST {function.Address} (an S3 event or an SNS delivery). Ctrl+C stops it.",
            _ => $"The webhooks function takes SQS batches at POST {function.Address}. Ctrl+C stops it.",
        });
        await function.StopRequested;
        return 0;
    }

    private static async Task<LocalFunction?> StartAsync(string role, string taskRoot, string url, Dictionary<string, string> environment)
    {
        try
        {
            return await LocalFunction.StartAsync(role, taskRoot, url, environment, Console.WriteLine);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or TimeoutException or IOException)
        {
            Console.Error.WriteLine(e.Message);
            return null;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
