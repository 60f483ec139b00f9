using System.Net;
using System.Net.Sockets;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// An S3 endpoint on loopback that answers every request the same scripted way: what s3rver never does
/// (throttle, serve a body that does not match its ETag).
/// </summary>
public sealed class ScriptedS3Endpoint : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<HttpListenerContext, Task> _respond;
    private int _requests;

    public ScriptedS3Endpoint(Func<HttpListenerContext, Task> respond)
    {
        _respond = respond;
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

    /// <summary>What S3 answers when it throttles.</summary>
    public static async Task SlowDown(HttpListenerContext context)
    {
        context.Response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
        context.Response.ContentType = "application/xml";
        if (context.Request.HttpMethod != "HEAD")
            await context.Response.OutputStream.WriteAsync("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"u8.ToArray());
    }

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
            await _respond(context);
            context.Response.Close();
        }
    }
}
