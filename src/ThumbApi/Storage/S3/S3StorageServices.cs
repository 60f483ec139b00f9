using Amazon.S3;
using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.S3;

public static class S3StorageServices
{
    /// <summary>
    /// A bucket as the store. S3 events reach the thumbnail handler through Lambda; only a local S3-compatible server
    /// forwards them to this process (<see cref="ForwardedEventEndpoints"/>).
    /// </summary>
    public static IServiceCollection AddS3Storage(this IServiceCollection services, StorageOptions options)
    {
        if (ForwardedEventEndpoints.AppliesTo(options)) services.AddForwardedEvents();
        services.AddSingleton<IAmazonS3>(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IObjectStore, S3ObjectStore>();
        services.AddSingleton<IStoragePresigner, S3Presigner>();
        return services;
    }

    public static IEndpointRouteBuilder MapS3Storage(this IEndpointRouteBuilder routes, StorageOptions options)
    {
        if (ForwardedEventEndpoints.AppliesTo(options)) routes.MapForwardedEvents();
        return routes;
    }
}
