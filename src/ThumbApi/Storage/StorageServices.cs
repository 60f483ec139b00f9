using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage.Local;
using ThumbApi.Storage.S3;

namespace ThumbApi.Storage;

public static class StorageServices
{
    /// <summary>The name the URL lifetime had before it moved to <c>Storage:UrlLifetime</c>; still honoured.</summary>
    private const string LegacyUrlLifetimeKey = "Uploads:UrlLifetime";

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .Configure(options =>
            {
                if (configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.UrlLifetime)}"] is null
                    && TimeSpan.TryParse(configuration[LegacyUrlLifetimeKey], System.Globalization.CultureInfo.InvariantCulture, out var lifetime))
                    options.UrlLifetime = lifetime;
            })
            .ValidateObject()
            .ValidateOnStart();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        var options = ReadOptions(configuration);
        return options.Provider switch
        {
            StorageProvider.Local => services.AddLocalStorage(),
            StorageProvider.S3 => services.AddS3Storage(),
            _ => throw new OptionsValidationException(StorageOptions.Section, typeof(StorageOptions),
                [$"Storage:Provider '{options.Provider}' is not supported; use Local or S3."]),
        };
    }

    /// <summary>The storage settings as configured, for the choices made while the services are registered.</summary>
    public static StorageOptions ReadOptions(IConfiguration configuration) =>
        configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();

    private static IServiceCollection AddLocalStorage(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<StorageOptions>, LocalRootCheck>();
        services.AddSingleton<LocalObjectStore>();
        services.AddSingleton<IObjectStore>(sp => sp.GetRequiredService<LocalObjectStore>());
        services.AddSingleton<LocalUrlSigner>();
        services.AddSingleton<IStoragePresigner, LocalPresigner>();
        services.AddSingleton<LocalUploadReceiver>();
        services.AddHostedService<LocalStagingCleanup>();
        return services;
    }

    /// <summary>Maps the embedded store's own URLs (what S3 serves in production); S3 needs none.</summary>
    public static IEndpointRouteBuilder MapStorage(this IEndpointRouteBuilder routes)
    {
        var options = routes.ServiceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
        return options.Provider == StorageProvider.Local ? routes.MapLocalStorage() : routes;
    }
}
