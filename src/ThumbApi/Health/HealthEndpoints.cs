using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services) => services.AddApiJson(HealthJsonContext.Default);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", (IOptions<StorageOptions> storage, IOptions<ThumbnailOptions> thumbnails) =>
                TypedResults.Ok(new HealthResponse("ok", storage.Value.Provider.ToString(), thumbnails.Value.Engine.ToString())))
            .WithTags("Health")
            .WithName("GetHealth")
            .WithSummary("Whether the process can serve, and which store and engine it uses");
        return routes;
    }
}
