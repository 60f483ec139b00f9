using Microsoft.Extensions.Options;
using ThumbApi.Delivery.BatchOperations;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Delivery.InProcess;
using ThumbApi.Delivery.Refresh;
using ThumbApi.Delivery.Sns;
using ThumbApi.Hosting;
using ThumbApi.Images;
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
        services.AddSingleton<BatchOperationsHandler>();
        services.AddSingleton<SnsEnvelopeFactory>();
        services.AddSingleton<InProcessEventQueue>();
        services.AddSingleton<IStoreEvents, EmbeddedStoreEvents>();
        services.AddSingleton<IRenditionRefresh, InProcessRenditionRefresh>();
        services.AddHostedService<InProcessDeliveryWorker>();
        services.AddHostedService<Reconciliation>();
        return services;
    }

    /// <summary>On Lambda, in the <c>thumbnails</c> role: SNS delivers each event as an invocation.</summary>
    public static IServiceCollection AddLambdaDelivery(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryDispatcher>();
        services.AddSingleton<BatchOperationsHandler>();
        services.AddSingleton<ILambdaFunction, SnsDeliveryFunction>();
        return services;
    }

    /// <summary>
    /// On Lambda, in the <c>api</c> role: the refreshes lookups ask for go to the <c>thumbnails</c> function as
    /// asynchronous invocations, signed with the function's own role (<c>lambda:InvokeFunction</c>, iac/functions.tf).
    /// </summary>
    public static IServiceCollection AddRefreshThroughLambda(this IServiceCollection services)
    {
        services.AddOptions<RefreshOptions>()
            .BindConfiguration(RefreshOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Region ??= configuration["AWS_REGION"])
            .ValidateObject()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RefreshOptions>>().Value;
            return LambdaApiClient.ForFunctionRole(sp.GetRequiredService<TimeProvider>(), options.Region!, options.Endpoint, TimeSpan.FromSeconds(3));
        });
        services.AddSingleton<IRenditionRefresh, LambdaRenditionRefresh>();
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
