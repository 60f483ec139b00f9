using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Lambda;

/// <summary>
/// The server of the <c>api</c> role: each Function URL event (payload format 2.0) runs through the real ASP.NET
/// Core pipeline in process, with its own <see cref="HttpContext"/> and DI scope, and its response becomes the
/// invocation's response. No socket is opened.
/// </summary>
public sealed partial class FunctionUrlServer(ILogger<FunctionUrlServer> logger) : IServer, ILambdaFunction
{
    private readonly TaskCompletionSource<Func<IFeatureCollection, FunctionUrlResponseFeature, Task>> _application =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull
    {
        _application.TrySetResult((features, response) => ProcessAsync(application, features, response));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() { }

    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        var process = await _application.Task.WaitAsync(cancellationToken);
        var request = JsonSerializer.Deserialize(invocation.Payload, LambdaJsonContext.Default.FunctionUrlRequest)
            ?? throw new JsonException("The Function URL event is null.");
        var response = new FunctionUrlResponseFeature(FunctionUrlResponseWriter.MaxPayloadBytes);
        await process(FunctionUrlRequestFeatures.Create(request, invocation.RequestId, response, cancellationToken), response);
        // A request cut short by the deadline may have produced a partial response; the deadline error is the truth.
        cancellationToken.ThrowIfCancellationRequested();
        return FunctionUrlResponseWriter.Serialize(response);
    }

    private async Task ProcessAsync<TContext>(
        IHttpApplication<TContext> application, IFeatureCollection features, FunctionUrlResponseFeature response) where TContext : notnull
    {
        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context);
            await response.CompleteAsync();
        }
        catch (Exception e)
        {
            failure = e;
            LogUnhandled(e);
            if (response.HasStarted)
            {
                // Part of the response is gone to the application's callbacks; only an invocation error is honest.
                application.DisposeContext(context, e);
                throw;
            }
            response.ResetToServerError();
            await response.CompleteAsync();
        }
        await response.FireOnCompletedAsync();
        application.DisposeContext(context, failure);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The application failed to handle the request")]
    private partial void LogUnhandled(Exception exception);
}
