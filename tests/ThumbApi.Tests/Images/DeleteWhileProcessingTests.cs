using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;
using ThumbApi.Storage.Local;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

/// <summary>
/// An image deleted while its thumbnails are being written ends with nothing left, even when the removal's cascade
/// has already run (on AWS, another instance runs it without this process's lock).
/// </summary>
public sealed class DeleteWhileProcessingTests
{
    [Theory]
    [InlineData("photo_cups_2560x1600_gps.jpg")]
    [InlineData("bad_not_an_image.jpg")]
    public async Task The_job_removes_what_it_wrote_after_the_original_went(string corpusFile)
    {
        await using var app = new ThumbApiApplication();
        await using var deleting = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IObjectStore>(sp => new DeletesTheOriginalOnTheFirstWrite(sp.GetRequiredService<LocalObjectStore>()))));
        var store = deleting.Services.GetRequiredService<LocalObjectStore>();
        Directory.CreateDirectory(Path.Combine(store.Root, "images"));
        File.Copy(Corpus.PathOf(corpusFile), Path.Combine(store.Root, "images", "going.jpg"));
        var created = new SnsEnvelopeFactory(TimeProvider.System).ObjectCreated((await store.GetInfoAsync("images/going.jpg", CancellationToken.None))!);

        var result = await deleting.Services.GetRequiredService<DeliveryDispatcher>().DispatchAsync(created, CancellationToken.None);

        Assert.Equal(1, result.Skipped);
        // Checked as the job returns, before any cascade could have run after it.
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.Root, "thumbnails"), "going.jpg.*"));
    }

    [Fact]
    public async Task An_upload_made_again_while_the_removal_runs_gets_its_thumbnails_back()
    {
        await using var app = new ThumbApiApplication();
        await using var racing = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IObjectStore>(sp => new UploadsAgainOnTheFirstDelete(sp.GetRequiredService<LocalObjectStore>()))));
        var store = racing.Services.GetRequiredService<LocalObjectStore>();
        var dispatcher = racing.Services.GetRequiredService<DeliveryDispatcher>();
        Directory.CreateDirectory(Path.Combine(store.Root, "images"));
        File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), Path.Combine(store.Root, "images", "going.jpg"));
        await dispatcher.DispatchAsync(new SnsEnvelopeFactory(TimeProvider.System).ObjectCreated((await store.GetInfoAsync("images/going.jpg", CancellationToken.None))!), CancellationToken.None);
        File.Delete(Path.Combine(store.Root, "images", "going.jpg"));

        var result = await dispatcher.DispatchAsync(new SnsEnvelopeFactory(TimeProvider.System).ObjectRemoved("images/going.jpg"), CancellationToken.None);

        Assert.Equal(1, result.Removed);
        var status = await racing.Services.GetRequiredService<ThumbApi.Images.ImageStatusReader>()
            .GetImageStatusAsync(ThumbApi.Images.ImageName.Parse("going.jpg"), CancellationToken.None);
        Assert.Equal(ThumbApi.Images.ImageState.Ready, status.State);
    }

    /// <summary>The embedded store, with the original stored again (another instance's upload) when the cascade starts deleting.</summary>
    private sealed class UploadsAgainOnTheFirstDelete(LocalObjectStore inner) : IObjectStore
    {
        private int _deletes;

        public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken) => inner.ReadAllAsync(key, maxBytes, cancellationToken);

        public Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken) =>
            inner.ListAsync(prefix, startAfter, maxKeys, cancellationToken);

        public Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken) =>
            inner.WriteAsync(key, content, contentType, kind, cancellationToken);

        public async Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            await inner.DeleteAsync(key, cancellationToken);
            // The cascade's first delete (the original is gone then; the upload's own job deletes a stale failure record too).
            var original = inner.PathOf("images/going.jpg");
            if (!File.Exists(original) && Interlocked.Increment(ref _deletes) == 1)
                File.Copy(Corpus.PathOf("photo_cups_2560x1600_gps.jpg"), original);
        }
    }

    /// <summary>The embedded store, with the original removed (as another instance's DELETE would) right after the job's first write.</summary>
    private sealed class DeletesTheOriginalOnTheFirstWrite(LocalObjectStore inner) : IObjectStore
    {
        private int _writes;

        public Task<StoredObject?> GetInfoAsync(string key, CancellationToken cancellationToken) => inner.GetInfoAsync(key, cancellationToken);

        public Task<ObjectContent> ReadAllAsync(string key, long maxBytes, CancellationToken cancellationToken) => inner.ReadAllAsync(key, maxBytes, cancellationToken);

        public Task<ObjectPage> ListAsync(string prefix, string? startAfter, int maxKeys, CancellationToken cancellationToken) =>
            inner.ListAsync(prefix, startAfter, maxKeys, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, string contentType, ObjectKind kind, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(key, content, contentType, kind, cancellationToken);
            // Bypasses the store's events: the removal's cascade is not what this test relies on.
            if (Interlocked.Increment(ref _writes) == 1) File.Delete(inner.PathOf("images/going.jpg"));
        }
    }
}
