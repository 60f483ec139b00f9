using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Health;

public static class HealthEndpoints
{
    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddSingleton<StorageProbe>();
        return services.AddApiJson(HealthJsonContext.Default);
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", GetHealth)
            .WithTags("Health")
            .WithName(nameof(GetHealth))
            .WithSummary("Whether the process can serve: its store answers, and which store and engine it uses")
            .WithDescription("`200` when the store answers with the service's credentials, `503` with a reason when it does not.");
        return routes;
    }

    public static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealth(
        StorageProbe probe, IOptions<StorageOptions> storage, IOptions<ThumbnailOptions> thumbnails, CancellationToken cancellationToken)
    {
        var provider = storage.Value.Provider.ToString();
        var engine = thumbnails.Value.Engine.ToString();
        return await probe.CheckAsync(cancellationToken) is { } problem
            ? TypedResults.Json(new HealthResponse("unavailable", provider, engine, problem), statusCode: StatusCodes.Status503ServiceUnavailable)
            : TypedResults.Ok(new HealthResponse("ok", provider, engine));
    }
}
