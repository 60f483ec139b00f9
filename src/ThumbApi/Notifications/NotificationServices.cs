using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Thumbnails;

namespace ThumbApi.Notifications;

public static class NotificationServices
{
    /// <summary>Webhooks delivered by this process (<c>dotnet run</c>, and the tests' hosts).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        AddOptions(services);
        services.AddSingleton<WebhookSender>(sp => new WebhookSender(
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<IOptions<NotificationOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<WebhookSender>>()));
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<IImageEvents, WebhookImageEvents>();
        return services;
    }

    /// <summary>
    /// On Lambda: a function is frozen between invocations, so deliveries queued in its memory would wait for the
    /// next invocation or be lost. Until webhooks have a delivery of their own there (a queue), setting a receiver is
    /// refused at start-up rather than silently unreliable.
    /// </summary>
    public static IServiceCollection AddNotificationsRefusedOnLambda(this IServiceCollection services)
    {
        AddOptions(services).Validate(options => options.WebhookUrl is null,
            "Notifications:WebhookUrl is not supported on Lambda yet: webhooks are delivered by the embedded default only (docs/webhooks.md).");
        services.AddSingleton<IImageEvents, NoImageEvents>();
        return services;
    }

    private static OptionsBuilder<NotificationOptions> AddOptions(IServiceCollection services) =>
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateObject().ValidateOnStart();

    /// <summary>Nobody to tell: on Lambda, where a receiver is refused at start-up.</summary>
    private sealed class NoImageEvents : IImageEvents
    {
        public void Ready(Images.ImageName name, Images.ImageDetails details) { }

        public void Failed(Images.ImageName name, string reason) { }

        public void Deleted(Images.ImageName name) { }
    }
}
