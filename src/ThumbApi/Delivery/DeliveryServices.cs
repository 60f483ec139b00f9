using Microsoft.Extensions.Options;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Delivery.InProcess;
using ThumbApi.Delivery.Sns;
using ThumbApi.Lambda;
using ThumbApi.Storage;

namespace ThumbApi.Delivery;

/// <summary>How S3-shaped events reach the thumbnail handler: chosen once, by the composition root.</summary>
public static class DeliveryServices
{
    /// <summary>
    /// Outside Lambda: events queued in this process and handled off the request path, from the embedded store's
    /// uploads or (with a local S3-compatible server) forwarded by its launcher; and the reconciliation of what a
    /// crash or a missed event left pending.
    /// </summary>
    public static IServiceCollection AddInProcessDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<SnsEnvelopeFactory>();
        services.AddSingleton<InProcessEventQueue>();
        services.AddSingleton<IStoreEvents, EmbeddedStoreEvents>();
        services.AddHostedService<InProcessDeliveryWorker>();
        services.AddHostedService<Reconciliation>();
        return services;
    }

    /// <summary>On Lambda, in the <c>thumbnails</c> role: SNS delivers each event as an invocation.</summary>
    public static IServiceCollection AddLambdaDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<ILambdaFunction, SnsDeliveryFunction>();
        return services;
    }

    /// <summary>The forwarded-events intake, when a local S3-compatible server's events are delivered in process.</summary>
    public static IEndpointRouteBuilder MapInProcessDelivery(this IEndpointRouteBuilder routes)
    {
        var storage = routes.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (ForwardedEventEndpoints.AppliesTo(storage)) routes.MapForwardedEvents();
        return routes;
    }
}
