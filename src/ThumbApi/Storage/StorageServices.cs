using Microsoft.Extensions.Options;
using ThumbApi.Storage.Local;

namespace ThumbApi.Storage;

public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var provider = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>()?.Provider ?? StorageProvider.Local;
        return provider switch
        {
            StorageProvider.Local => services.AddLocalStorage(),
            _ => throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"Storage:Provider '{provider}' is not supported yet."]),
        };
    }

    private static IServiceCollection AddLocalStorage(this IServiceCollection services)
    {
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

    /// <summary>Maps the embedded store's URLs when it is the active store.</summary>
    public static IEndpointRouteBuilder MapStorage(this IEndpointRouteBuilder routes)
    {
        if (routes.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Local)
            routes.MapLocalStorage();
        return routes;
    }
}
