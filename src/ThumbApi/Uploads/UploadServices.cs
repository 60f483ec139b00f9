using ThumbApi.Hosting;

namespace ThumbApi.Uploads;

public static class UploadServices
{
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadOptions>()
            .BindConfiguration(UploadOptions.Section)
            .PostConfigure(options =>
            {
                if (options.AllowedContentTypes.Count == 0)
                    options.AllowedContentTypes.AddRange(ImageNames.ExtensionByContentType.Keys);
            })
            .ValidateObject()
            .ValidateOnStart();
        services.AddApiJson(UploadsJsonContext.Default);
        return services;
    }
}
