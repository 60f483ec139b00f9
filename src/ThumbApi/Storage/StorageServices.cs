using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage.Local;
using ThumbApi.Storage.S3;

namespace ThumbApi.Storage;

public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateObject().ValidateOnStart();
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return options.Provider switch
        {
            StorageProvider.Local => services.AddLocalStorage(),
            StorageProvider.S3 => services.AddS3Storage(options),
            _ => throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"Storage:Provider '{options.Provider}' is not supported; use Local or S3."]),
        };
    }

    private static IServiceCollection AddLocalStorage(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, LocalRootCheck>();
        services.AddSingleton<LocalObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<LocalObjectStore>());
        services.AddSingleton<LocalUrlSigner>();
        services.AddSingleton<IStoragePresigner, LocalPresigner>();
        services.AddSingleton<LocalEventFactory>();
        services.AddSingleton<LocalEventQueue>();
        services.AddSingleton<LocalUploadReceiver>();
        services.AddHostedService<LocalThumbnailWorker>();
        services.AddHostedService<LocalStartupRecovery>();
        return services;
    }

    /// <summary>Maps the active store's own URLs: the embedded store's, or a local S3-compatible server's event intake.</summary>
    public static IEndpointRouteBuilder MapStorage(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Provider == StorageProvider.Local ? routes.MapLocalStorage() : routes.MapS3Storage(options);
    }
}
