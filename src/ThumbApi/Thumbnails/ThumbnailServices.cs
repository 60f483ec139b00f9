using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Thumbnails;

public static class ThumbnailServices
{
    /// <summary>
    /// Whether this build has the ImageSharp engine. The Native AOT package leaves it out (see ThumbApi.csproj):
    /// ImageSharp 2.1 produces trim and AOT analysis warnings, so nothing guarantees it works compiled ahead of time.
    /// </summary>
#if NATIVE_AOT
    public static readonly bool ImageSharpIncluded = false;
#else
    public static readonly bool ImageSharpIncluded = true;
#endif

    public static IServiceCollection AddThumbnails(this IServiceCollection services)
    {
        services.AddOptions<ThumbnailOptions>()
            .BindConfiguration(ThumbnailOptions.Section)
            .ValidateObject()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ThumbnailOptions>, AttentionNeedsNetVips>();
        services.AddSingleton<IThumbnailEngine>(provider =>
            provider.GetRequiredService<IOptions<ThumbnailOptions>>().Value.Engine switch
            {
#if !NATIVE_AOT
                ThumbnailEngineKind.ImageSharp => ActivatorUtilities.CreateInstance<ImageSharpThumbnailEngine>(provider),
#endif
                _ => ActivatorUtilities.CreateInstance<NetVipsThumbnailEngine>(provider),
            });
        services.AddSingleton<ThumbnailGenerator>();
        services.AddSingleton<ThumbnailEventHandler>();
        services.AddSingleton<ThumbnailBackfill>();
        services.AddSingleton<Regeneration>();
        services.AddSingleton<DerivedObjects>();
        services.AddSingleton<ImageRemoval>();
        services.AddSingleton<ImageLocks>();
        return services;
    }
}
