using NetVips;
using ThumbApi.Delivery;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;
using ThumbApi.Storage.Local;
using ThumbApi.Tests.Infrastructure;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Thumbnails;

public sealed class SupersededEventTests
{
    [Fact]
    public async Task An_older_event_arriving_after_a_newer_upload_does_not_overwrite_its_thumbnails()
    {
        await using var app = new ThumbApiApplication();
        var store = app.GetRequiredService<LocalObjectStore>();
        var events = app.GetRequiredService<SnsEnvelopeFactory>();
        var handler = app.GetRequiredService<DeliveryDispatcher>();
        const string key = "images/replaced.jpg";

        await store.WriteAsync(key, Corpus.Read("photo_cups_2560x1600_gps.jpg"), "image/jpeg", ObjectKind.Thumbnail, CancellationToken.None);
        var olderEvent = events.ObjectCreated((await store.GetInfoAsync(key, CancellationToken.None))!);
        await store.WriteAsync(key, Corpus.Read("syn_2000x1500_q80.webp"), "image/jpeg", ObjectKind.Thumbnail, CancellationToken.None);
        var newerEvent = events.ObjectCreated((await store.GetInfoAsync(key, CancellationToken.None))!);

        Assert.Equal(1, (await handler.DispatchAsync(newerEvent, CancellationToken.None)).Generated);
        Assert.Equal(1, (await handler.DispatchAsync(olderEvent, CancellationToken.None)).Skipped);

        using var medium = Image.NewFromFile(Path.Combine(app.LocalRoot, "thumbnails", "replaced.jpg.medium.webp"));
        Assert.Equal((480, 360), (medium.Width, medium.Height));
    }
}
