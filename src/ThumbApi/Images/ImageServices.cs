using ThumbApi.Hosting;

namespace ThumbApi.Images;

public static class ImageServices
{
    public static IServiceCollection AddImages(this IServiceCollection services)
    {
        services.AddOptions<PresetOptions>()
            .BindConfiguration(PresetOptions.Section)
            .PostConfigure(options =>
            {
                if (options.Presets.Count == 0)
                    options.Presets[PresetOptions.DefaultPreset] = new ThumbnailPreset { Width = 80, Height = 80 };
            })
            .ValidateObject()
            .ValidateOnStart();
        services.AddSingleton<ImageStatusReader>();
        services.AddSingleton<RenditionHealing>();
        services.AddApiJson(ImagesJsonContext.Default);
        return services;
    }
}
