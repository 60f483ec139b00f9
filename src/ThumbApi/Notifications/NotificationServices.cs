using Amazon.SimpleSystemsManagement;
using Amazon.SQS;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Images;
using ThumbApi.Lambda;
using ThumbApi.Notifications.EventBridge;
using ThumbApi.Notifications.Sqs;
using ThumbApi.Thumbnails;

namespace ThumbApi.Notifications;

/// <summary>Who tells image events, and who delivers them: chosen once, by the composition root, for each place the app runs.</summary>
public static class NotificationServices
{
    /// <summary>Outside Lambda (<c>dotnet run</c>, the tests' hosts): this process queues and delivers webhooks, from memory.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        AddOptions(services);
        AddSender(services);
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<IWebhookQueue>(sp => sp.GetRequiredService<WebhookDispatcher>());
        AddPublisher(services);
        return services;
    }

    /// <summary>
    /// On Lambda, in the <c>thumbnails</c> role: webhooks go to the SQS queue the <c>webhooks</c> function reads (a
    /// frozen function cannot keep a retry schedule, and a delivery riding on the thumbnail invocation would tie images
    /// to the receiver); events for a bus go straight to EventBridge.
    /// </summary>
    public static IServiceCollection AddNotificationsThroughQueue(this IServiceCollection services)
    {
        AddOptions(services).Validate(options => options.WebhookUrl is null || options.QueueUrl is not null,
            "Notifications:QueueUrl must be set with Notifications:WebhookUrl on Lambda: the thumbnails function queues webhooks for the webhooks function (docs/webhooks.md).");
        AddQueueClient(services);
        services.AddSingleton<IWebhookQueue, SqsWebhookQueue>();
        AddPublisher(services);
        return services;
    }

    /// <summary>On Lambda, in the <c>webhooks</c> role: SQS delivers batches of queued webhooks as invocations.</summary>
    public static IServiceCollection AddWebhookDeliveryFromQueue(this IServiceCollection services)
    {
        AddOptions(services).Validate(options => options.WebhookUrl is not null && options.QueueUrl is not null,
            "The webhooks function needs Notifications:WebhookUrl and Notifications:QueueUrl (docs/webhooks.md).");
        AddSender(services);
        AddQueueClient(services);
        services.AddSingleton<ILambdaFunction, SqsWebhookFunction>();
        services.AddSingleton<IImageEvents, NoImageEvents>();
        return services;
    }

    /// <summary>The <c>api</c> role tells nothing: every event happens in the <c>thumbnails</c> function.</summary>
    public static IServiceCollection AddNoNotifications(this IServiceCollection services) =>
        services.AddSingleton<IImageEvents, NoImageEvents>();

    private static OptionsBuilder<NotificationOptions> AddOptions(IServiceCollection services) =>
        services.AddOptions<NotificationOptions>()
            .BindConfiguration(NotificationOptions.Section)
            .Configure<IConfiguration>((options, configuration) => options.Region ??= configuration["AWS_REGION"])
            .ValidateObject()
            .ValidateOnStart();

    /// <summary>
    /// The receiver's queue and the bus, each only when configured: without a receiver on Lambda there is no queue
    /// (Terraform makes none), so nothing may ask for an SQS client.
    /// </summary>
    private static void AddPublisher(IServiceCollection services)
    {
        services.AddSingleton(sp => new EventBridgePublisher(new HttpClient { Timeout = TimeSpan.FromSeconds(5) },
            AwsCredentials.FromEnvironmentAsync, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<NotificationOptions>>()));
        services.AddSingleton<IImageEvents>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>();
            if (options.Value.WebhookUrl is null && options.Value.EventBusName is null) return new NoImageEvents();
            return new ImageEventPublisher(
                options.Value.WebhookUrl is null ? null : sp.GetRequiredService<IWebhookQueue>(),
                options.Value.EventBusName is null ? null : sp.GetRequiredService<EventBridgePublisher>(),
                sp.GetRequiredService<ImageLinkBase>(), sp.GetRequiredService<IOptions<PresetOptions>>(), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NotificationOptions>>();
            var settings = options.Value;
            return new ImageLinkBase(options, settings.ApiFunctionName is null ? null
                : LambdaApiClient.ForFunctionRole(sp.GetRequiredService<TimeProvider>(), settings.Region!, settings.LambdaEndpoint, TimeSpan.FromSeconds(5)));
        });
    }

    private static void AddSender(IServiceCollection services)
    {
        // The SSM client only when a parameter is read: region and credentials from the environment (on Lambda, the role's).
        services.AddSingleton(sp =>
        {
            // One client for every re-read of the secret, made at the first.
            var ssm = new Lazy<IAmazonSimpleSystemsManagement>(() => new AmazonSimpleSystemsManagementClient());
            return new WebhookSecret(sp.GetRequiredService<IOptions<NotificationOptions>>(), sp.GetRequiredService<TimeProvider>(), () => ssm.Value);
        });
        // A redirect is an answer, not a delivery: followed, a 302 would turn the POST into a GET elsewhere and count
        // as delivered. The timeout is per attempt (Notifications:AttemptTimeout).
        services.AddSingleton<WebhookSender>(sp => new WebhookSender(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan }, sp.GetRequiredService<WebhookSecret>(),
            sp.GetRequiredService<IOptions<NotificationOptions>>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookSender>>()));
    }

    // Credentials from the environment: on Lambda, the function's role.
    private static void AddQueueClient(IServiceCollection services) =>
        services.AddSingleton<IAmazonSQS>(sp => new AmazonSQSClient(SqsClientConfig.For(
            sp.GetRequiredService<IOptions<NotificationOptions>>().Value.QueueUrl!, sp.GetRequiredService<IConfiguration>()["AWS_REGION"])));

    private sealed class NoImageEvents : IImageEvents
    {
        public Task ReadyAsync(ImageName name, ImageDetails details, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task FailedAsync(ImageName name, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeletedAsync(ImageName name, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
