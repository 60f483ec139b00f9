using System.Text.Json.Serialization;

namespace ThumbApi.Hosting;

/// <summary>How every endpoint answers: JSON without nulls, and errors as problem details (RFC 9457).</summary>
public static class ApiConventions
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // First in the chain, so the API's own types never fall back to reflection (absent under Native AOT).
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        });
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StorageUnavailableExceptionHandler>();
        // Binding failures become exceptions so that BadRequestExceptionHandler can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
