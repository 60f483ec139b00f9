using Microsoft.Extensions.Options;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Thumbnails;

public static class ThumbnailServices
{
    public static IServiceCollection AddThumbnails(this IServiceCollection services)
    {
        services.AddOptions<ThumbnailOptions>()
            .BindConfiguration(ThumbnailOptions.Section)
            .PostConfigure(options =>
            {
                if (options.Presets.Count == 0)
                    options.Presets[ThumbnailOptions.DefaultPreset] = new ThumbnailPreset { Width = 80, Height = 80 };
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IThumbnailEngine>(provider =>
            provider.GetRequiredService<IOptions<ThumbnailOptions>>().Value.Engine switch
            {
                ThumbnailEngineKind.ImageSharp => ActivatorUtilities.CreateInstance<ImageSharpThumbnailEngine>(provider),
                _ => ActivatorUtilities.CreateInstance<NetVipsThumbnailEngine>(provider),
            });
        services.AddSingleton<ThumbnailGenerator>();
        services.AddSingleton<ThumbnailEventHandler>();
        services.AddSingleton<ImageStatusReader>();
        services.AddSingleton<ThumbnailBackfill>();
        services.AddSingleton<ImageLocks>();
        return services;
    }
}
