using System.Net;
using System.Net.Sockets;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>An S3 endpoint on loopback that answers every request as S3 does when it throttles: <c>503 SlowDown</c>.</summary>
public sealed class ThrottlingS3Endpoint : IDisposable
{
    private static readonly byte[] SlowDown =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"u8.ToArray();

    private readonly HttpListener _listener = new();
    private int _requests;

    public ThrottlingS3Endpoint()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        ServiceUrl = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(ServiceUrl + "/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string ServiceUrl { get; }

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            context.Response.ContentType = "application/xml";
            if (context.Request.HttpMethod != "HEAD") await context.Response.OutputStream.WriteAsync(SlowDown);
            context.Response.Close();
        }
    }
}
