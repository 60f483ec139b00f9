using Microsoft.Extensions.DependencyInjection.Extensions;
using ThumbApi.Delivery;
using ThumbApi.Health;
using ThumbApi.Hosting;
using ThumbApi.Images;
using ThumbApi.Lambda;
using ThumbApi.Notifications;
using ThumbApi.Page;
using ThumbApi.Security;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;
using ThumbApi.Uploads;

namespace ThumbApi;

/// <summary>
/// The one place the application is put together. <c>Program.cs</c>, the published <c>bootstrap</c> (the same
/// executable) and every test host call these two methods, so what the tests run is what is deployed.
/// </summary>
/// <remarks>
/// Tests replace only the edges, after these calls: configuration (the store's folder or bucket), the
/// <see cref="TimeProvider"/>, and the S3 client's credentials.
/// </remarks>
public static class ThumbApiComposition
{
    public static WebApplicationBuilder AddThumbApi(this WebApplicationBuilder builder)
    {
        // First, so that on Lambda every later init failure is reported to the Runtime API.
        var lambdaRole = builder.AddLambdaHosting();

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddApiConventions();
        services.AddApiDocumentation();
        services.AddSecurity();
        services.AddStorage(builder.Configuration);
        services.AddImages();
        services.AddUploads();
        services.AddThumbnails();
        services.AddHealth();

        // Who delivers events to the thumbnail handler (this process, SNS through Lambda, or, for the api function,
        // nobody, because S3 → SNS → the thumbnails function does), and who delivers webhooks (this process, or the
        // webhooks function from the queue the thumbnails function fills).
        switch (lambdaRole)
        {
            case null:
                services.AddInProcessDelivery();
                services.AddNotifications();
                break;
            case LambdaRole.Thumbnails:
                services.AddLambdaDelivery();
                services.AddNotificationsThroughQueue();
                break;
            case LambdaRole.Api:
                services.AddRefreshThroughLambda();
                services.AddNoNotifications();
                break;
            case LambdaRole.Webhooks:
                services.AddWebhookDeliveryFromQueue();
                break;
        }
        return builder;
    }

    public static WebApplication UseThumbApi(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseApiConventions();
        app.UseSecurity();
        app.UseUploadPage();
        app.UseApiDocumentation();

        app.MapUploads();
        app.MapImages();
        app.MapStorage();
        if (LambdaHosting.RoleOf(app.Configuration) is null) app.MapInProcessDelivery();
        app.MapHealth();
        return app;
    }
}
