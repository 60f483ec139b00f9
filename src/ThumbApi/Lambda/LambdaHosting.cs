using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ThumbApi.Lambda;

/// <summary>The two functions the package is deployed as, chosen by the function's handler setting.</summary>
public enum LambdaRole
{
    /// <summary><c>api</c>: the HTTP application behind a Function URL.</summary>
    Api,

    /// <summary><c>thumbnails</c>: events, each an invocation handled by the registered <see cref="ILambdaFunction"/>.</summary>
    Thumbnails,

    /// <summary><c>webhooks</c>: batches of queued webhooks, handled by the registered <see cref="ILambdaFunction"/>.</summary>
    Webhooks,
}

/// <summary>
/// Runs the application as a Lambda custom runtime when <c>AWS_LAMBDA_RUNTIME_API</c> is set, in the role the
/// function's handler setting (<c>_HANDLER</c>) names; does nothing otherwise, so that Kestrel serves locally.
/// </summary>
public static class LambdaHosting
{
    public const string HandlerVariable = "_HANDLER";
    public const string ApiHandler = "api";
    public const string ThumbnailsHandler = "thumbnails";
    public const string WebhooksHandler = "webhooks";
    public static readonly IReadOnlyList<string> Handlers = [ApiHandler, ThumbnailsHandler, WebhooksHandler];

    /// <summary>The role this process plays on Lambda, or <c>null</c> outside Lambda.</summary>
    /// <exception cref="UnknownLambdaHandlerException">The handler setting names no role.</exception>
    public static LambdaRole? RoleOf(IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[RuntimeApiClient.EnvironmentVariable])) return null;
        var handler = configuration[HandlerVariable];
        return handler switch
        {
            ApiHandler => LambdaRole.Api,
            ThumbnailsHandler => LambdaRole.Thumbnails,
            WebhooksHandler => LambdaRole.Webhooks,
            _ => throw new UnknownLambdaHandlerException(handler),
        };
    }

    /// <summary>
    /// Serves the Runtime API instead of Kestrel when on Lambda. The event roles (<see cref="LambdaRole.Thumbnails"/>,
    /// <see cref="LambdaRole.Webhooks"/>) need an <see cref="ILambdaFunction"/> registered by whoever handles their events.
    /// </summary>
    /// <remarks>Call it first, right after creating the builder, so that every later init failure is reported.</remarks>
    /// <returns>The role, or <c>null</c> outside Lambda.</returns>
    public static LambdaRole? AddLambdaHosting(this WebApplicationBuilder builder)
    {
        var runtimeApi = builder.Configuration[RuntimeApiClient.EnvironmentVariable];
        if (string.IsNullOrEmpty(runtimeApi)) return null;

        var runtime = new RuntimeApiClient(runtimeApi);
        InitErrorReporter.Watch(runtime);
        var role = RoleOf(builder.Configuration);

        // CloudWatch keeps each stdout line as one event: one JSON object per line, the request id in its scope.
        builder.Logging.ClearProviders().AddProvider(new LambdaJsonLoggerProvider(TimeProvider.System, Console.OpenStandardOutput()));

        builder.Services.AddSingleton(runtime);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<LambdaRuntimeLoop>();
        builder.Services.RemoveAll<IServer>();
        if (role == LambdaRole.Api)
        {
            builder.Services.AddSingleton<FunctionUrlServer>();
            builder.Services.AddSingleton<IServer>(sp => sp.GetRequiredService<FunctionUrlServer>());
            builder.Services.AddSingleton<ILambdaFunction>(sp => sp.GetRequiredService<FunctionUrlServer>());
        }
        else
        {
            builder.Services.AddSingleton<IServer, EventOnlyServer>();
        }
        return role;
    }
}
