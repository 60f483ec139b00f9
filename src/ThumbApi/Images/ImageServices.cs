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
        services.AddOptions<DeleteTokenOptions>().BindConfiguration(DeleteTokenOptions.Section).ValidateObject().ValidateOnStart();
        services.AddSingleton<DeleteTokenKey>();
        services.AddSingleton<DeleteTokens>();
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            DeleteEndpoint.AddSecuritySchemes(document);
            return Task.CompletedTask;
        }));
        services.AddApiJson(ImagesJsonContext.Default);
        return services;
    }
}
