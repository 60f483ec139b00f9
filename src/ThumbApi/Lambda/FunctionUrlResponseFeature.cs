using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Lambda;

/// <summary>
/// The response side of one Function URL request, playing Kestrel's part: <c>OnStarting</c> callbacks run before
/// the first byte (or at the end), in reverse order of registration, and <c>OnCompleted</c> ones once the response is final.
/// </summary>
public sealed class FunctionUrlResponseFeature : IHttpResponseFeature, IHttpResponseBodyFeature
{
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = [];
    private readonly ResponseBodyBuffer _body;
    private PipeWriter? _writer;

    public FunctionUrlResponseFeature(int maxBodyBytes)
    {
        _body = new ResponseBodyBuffer(maxBodyBytes, StartAsync);
        Body = _body;
    }

    public int StatusCode { get; set; } = StatusCodes.Status200OK;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public Stream Body { get; set; }
    public bool HasStarted { get; private set; }

    public ResponseBodyBuffer Buffer => _body;

    Stream IHttpResponseBodyFeature.Stream => Body;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(Body, new StreamPipeWriterOptions(leaveOpen: true));

    public void OnStarting(Func<object, Task> callback, object state)
    {
        if (HasStarted) throw new InvalidOperationException("The response has already started.");
        _onStarting.Add((callback, state));
    }

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Add((callback, state));

    public void DisableBuffering() { }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted) return;
        HasStarted = true;
        for (var i = _onStarting.Count - 1; i >= 0; i--) await _onStarting[i].Callback(_onStarting[i].State);
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await SendFileFallback.SendFileAsync(Body, path, offset, count, cancellationToken);
    }

    public async Task CompleteAsync()
    {
        if (_writer is not null) await _writer.FlushAsync();
        await StartAsync();
    }

    /// <summary>Replaces a response that failed before it started with an empty <c>500</c>, as Kestrel does.</summary>
    public void ResetToServerError()
    {
        StatusCode = StatusCodes.Status500InternalServerError;
        ReasonPhrase = null;
        Headers.Clear();
        // Bytes the application left unflushed belong to the failed response.
        _writer = null;
        _body.Clear();
    }

    public async Task FireOnCompletedAsync()
    {
        for (var i = _onCompleted.Count - 1; i >= 0; i--) await _onCompleted[i].Callback(_onCompleted[i].State);
    }
}
