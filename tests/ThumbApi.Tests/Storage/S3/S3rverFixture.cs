using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Storage.S3;

[CollectionDefinition(Name)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>
{
    public const string Name = "s3rver";
}

/// <summary>
/// A real S3 protocol server (s3rver, through <c>build/tools/s3rver.js</c>) on a free loopback port with a fresh
/// data directory, for the tests of one run. Without Node or the installed tools the tests fail: they never pass
/// by skipping the server.
/// </summary>
public class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "thumbapi-test";
    public const string AllowedOrigin = "http://localhost:5173";
    /// <summary>s3rver's only account.</summary>
    public static readonly BasicAWSCredentials Credentials = new("S3RVER", "S3RVER");

    private readonly string _directory = Directory.CreateTempSubdirectory("thumbapi-s3rver-").FullName;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errors = new();
    private readonly string[] _launcherOptions;
    private Process? _server;

    public S3rverFixture() : this([]) { }

    /// <param name="launcherOptions">More options for <c>build/tools/s3rver.js</c>.</param>
    protected S3rverFixture(string[] launcherOptions) => _launcherOptions = launcherOptions;

    public string ServiceUrl { get; private set; } = "";

    public StorageOptions Options => new() { Provider = StorageProvider.S3, Bucket = Bucket, ServiceUrl = ServiceUrl };

    /// <summary>A client configured exactly as the service configures its own, with s3rver's credentials.</summary>
    public IAmazonS3 CreateClient(Action<AmazonS3Config>? configure = null)
    {
        var config = S3ClientFactory.CreateConfig(Options);
        configure?.Invoke(config);
        return new AmazonS3Client(Credentials, config);
    }

    public Task InitializeAsync() => StartAsync(port: 0);

    /// <summary>Stops the server as a crash or an outage would; its objects stay on disk for <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
    }

    /// <summary>Starts the server again on the same port, over the same objects.</summary>
    public Task RestartAsync() => StartAsync(new Uri(ServiceUrl).Port);

    private async Task StartAsync(int port)
    {
        var root = RepositoryPaths.Root;
        var launcher = Path.Combine(root, "build", "tools", "s3rver.js");
        if (!Directory.Exists(Path.Combine(root, "build", "tools", "node_modules", "@20minutes", "s3rver")))
            throw new InvalidOperationException("s3rver is not installed: run build/install-test-tools.sh (it installs Node when missing).");

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        // s3rver computes ETags with MD5, which some OpenSSL 3 configurations offer only through the legacy provider.
        foreach (var argument in new[] { "--openssl-legacy-provider", launcher, "--directory", _directory, "--bucket", Bucket, "--cors-origin", AllowedOrigin, "--port", port.ToString() })
            start.ArgumentList.Add(argument);
        foreach (var option in _launcherOptions) start.ArgumentList.Add(option);
        _server?.Dispose();
        _server = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _server.ErrorDataReceived += (_, e) => { if (e.Data is not null) _errors.Enqueue(e.Data); };
        _server.BeginErrorReadLine();

        // The launcher prints {"port": N} once it accepts connections.
        var line = await _server.StandardOutput.ReadLineAsync().WithinAsync("s3rver to print its port", TimeSpan.FromSeconds(30))
            ?? throw new InvalidOperationException($"s3rver stopped before it was ready: {string.Join('\n', _errors)}");
        ServiceUrl = $"http://127.0.0.1:{JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32()}";
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            if (!_server.HasExited) _server.Kill(entireProcessTree: true);
            // Its files are deleted next: wait until it can no longer write them.
            await _server.WaitForExitAsync();
            _server.Dispose();
        }
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>
/// A second s3rver for bucket-level calls only (listing): the .NET SDK signs them for <c>/bucket/</c> and s3rver
/// checks <c>/bucket</c>, so this one lets that mismatch through. The shared fixture keeps checking signatures.
/// </summary>
public sealed class S3rverListingFixture() : S3rverFixture(["--allow-mismatched-signatures"]);

/// <summary>An s3rver that forwards its events to the service on <see cref="AppPort"/>, as a local run does.</summary>
public sealed class S3rverForwardingFixture : S3rverFixture
{
    public S3rverForwardingFixture() : this(FreeLoopbackPort()) { }

    private S3rverForwardingFixture(int appPort) : base(["--notify", $"http://127.0.0.1:{appPort}{ThumbApi.Delivery.InProcess.ForwardedEventEndpoints.Path}"]) =>
        AppPort = appPort;

    public int AppPort { get; }

    private static int FreeLoopbackPort()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
