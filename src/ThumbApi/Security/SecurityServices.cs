using Amazon.SimpleSystemsManagement;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;

namespace ThumbApi.Security;

public static class SecurityServices
{
    public const string UploadsRateLimit = "uploads";

    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateObject().ValidateOnStart();
        services.AddSingleton<ApiKeys>();
        services.AddSingleton<IApiKeyParameterReader>(_ => new SsmApiKeyParameterReader(new AmazonSimpleSystemsManagementClient()));
        services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.Section);
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section).ValidateObject().ValidateOnStart();
        services.AddSingleton<ApiKeyFilter>();

        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>()
            .Configure<IOptions<CorsOptions>>((cors, origins) => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. origins.Value.AllowedOrigins])
                .WithMethods("GET", "POST", "DELETE")
                .WithHeaders("Content-Type", "Authorization", ApiKeyFilter.HeaderName)
                .WithExposedHeaders("Location", "Retry-After")));

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            limiter.AddPolicy(UploadsRateLimit, context => RateLimitPartition.GetTokenBucketLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Value.Burst,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1) / settings.Value.UploadsPerMinute,
                    QueueLimit = 0,
                }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too many uploads", Detail = "This client is asking for uploads too fast; retry after the Retry-After delay." },
                });
            };
        });
        return services;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
        return app;
    }
}
