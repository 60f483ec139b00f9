using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ThumbApi.Lambda;

/// <summary>
/// The server of the <c>thumbnails</c> role: Lambda delivers events through the Runtime API only, so the
/// process opens no socket and the HTTP pipeline never runs.
/// </summary>
public sealed class EventOnlyServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() { }
}
