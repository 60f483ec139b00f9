using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ThumbApi.Hosting;

/// <summary>How every endpoint answers: JSON without nulls, and errors as problem details (RFC 9457).</summary>
public static class ApiConventions
{
    public static IServiceCollection AddApiConventions(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Binding failures become exceptions so that BadRequestExceptionHandler can say what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>
    /// Adds a feature's compile-time JSON metadata for its request and response bodies, ahead of any reflection:
    /// Native AOT has none, and under JIT it spares building converters at the first request of a cold start.
    /// </summary>
    public static IServiceCollection AddApiJson(this IServiceCollection services, IJsonTypeInfoResolver resolver) =>
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, resolver));

    public static WebApplication UseApiConventions(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
