using Amazon.S3;
using Microsoft.Extensions.Options;

namespace ThumbApi.Storage.S3;

public static class S3StorageServices
{
    /// <summary>A bucket as the store; S3 announces its objects itself (S3 → SNS on AWS, a forwarder for a local server).</summary>
    public static IServiceCollection AddS3Storage(this IServiceCollection services)
    {
        services.AddSingleton<IAmazonS3>(sp => S3ClientFactory.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IObjectStore, S3ObjectStore>();
        services.AddSingleton<IStoragePresigner, S3Presigner>();
        return services;
    }
}
