namespace ThumbApi.Storage.Local;

/// <summary>
/// Deletes what uploads cut off by a crash left in the staging folder. Hosted services start before the server
/// accepts a request, so no upload of this process can be streaming into the folder yet.
/// </summary>
public sealed class LocalStagingCleanup(LocalObjectStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.DiscardStaged();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
