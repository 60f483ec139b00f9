using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ThumbApi.Storage.Local;

namespace ThumbApi.Lambda;

/// <summary>
/// Runs the application as a Lambda custom runtime when <c>AWS_LAMBDA_RUNTIME_API</c> is set, in the role the
/// function's handler setting (<c>_HANDLER</c>) names; does nothing otherwise, so that Kestrel serves locally.
/// </summary>
public static class LambdaHosting
{
    public const string HandlerVariable = "_HANDLER";
    public const string ApiHandler = "api";
    public const string ThumbnailsHandler = "thumbnails";
    public static readonly IReadOnlyList<string> Handlers = [ApiHandler, ThumbnailsHandler];

    /// <remarks>Call it first, right after creating the builder, so that every later init failure is reported.</remarks>
    public static WebApplicationBuilder AddLambdaHosting(this WebApplicationBuilder builder)
    {
        var runtimeApi = builder.Configuration[RuntimeApiClient.EnvironmentVariable];
        if (string.IsNullOrEmpty(runtimeApi)) return builder;

        var runtime = new RuntimeApiClient(runtimeApi);
        InitErrorReporter.Watch(runtime);

        // CloudWatch keeps each stdout line as one event: one JSON object per line, the request id in its scope.
        builder.Logging.ClearProviders().AddProvider(new LambdaJsonLoggerProvider(TimeProvider.System, Console.OpenStandardOutput()));

        builder.Services.AddSingleton(runtime);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<LambdaRuntimeLoop>();
        builder.Services.RemoveAll<IServer>();
        var handler = builder.Configuration[HandlerVariable];
        switch (handler)
        {
            case ApiHandler:
                builder.Services.AddSingleton<FunctionUrlServer>();
                builder.Services.AddSingleton<IServer>(sp => sp.GetRequiredService<FunctionUrlServer>());
                builder.Services.AddSingleton<ILambdaFunction>(sp => sp.GetRequiredService<FunctionUrlServer>());
                break;
            case ThumbnailsHandler:
                builder.Services.AddSingleton<IServer, EventOnlyServer>();
                builder.Services.AddSingleton<ILambdaFunction, ThumbnailFunction>();
                break;
            default:
                throw new UnknownLambdaHandlerException(handler);
        }

        // Lambda delivers the events: the embedded store's background services (its in-process event delivery and
        // the like) would only compete with the invocation for the CPU. They are registered after this call, so
        // they are removed when the container is built.
        var development = builder.Environment.IsDevelopment();
        ((IHostApplicationBuilder)builder).ConfigureContainer(
            new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development }),
            services =>
            {
                foreach (var background in services.Where(IsEmbeddedStoreBackgroundService).ToList()) services.Remove(background);
            });
        return builder;
    }

    private static bool IsEmbeddedStoreBackgroundService(ServiceDescriptor descriptor) =>
        descriptor.ServiceType == typeof(IHostedService)
        && descriptor.ImplementationType?.Namespace == typeof(LocalObjectStore).Namespace;
}
