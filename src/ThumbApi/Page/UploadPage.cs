using Microsoft.Extensions.Options;
using ThumbApi.Storage;

namespace ThumbApi.Page;

/// <summary>
/// The upload page at <c>/</c> (static files from <c>wwwroot/</c>) and the security headers that let it run under
/// a strict Content-Security-Policy.
/// </summary>
public static class UploadPage
{
    /// <summary>Swagger UI runs inline scripts and styles, so it keeps the framework's defaults instead of the page's policy.</summary>
    private static readonly PathString SwaggerPath = "/swagger";

    /// <summary>
    /// The security headers, on every response. Call it first: the headers are set as the response starts, so
    /// they are there on what the exception handler, the rate limiter and CORS preflights answer as well
    /// (the exception handler clears headers set before it runs).
    /// </summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<StorageOptions>>().Value);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // The bucket has no need to learn which page asked for a thumbnail.
                headers["Referrer-Policy"] = "no-referrer";
                if (!context.Request.Path.StartsWithSegments(SwaggerPath))
                    headers.ContentSecurityPolicy = policy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    public static WebApplication UseUploadPage(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// Only this origin's scripts and styles. Images and the upload may go elsewhere: in production the thumbnail
    /// endpoint redirects to a presigned S3 URL and the upload form posts straight to the bucket, both over
    /// <c>https:</c>; an S3-compatible endpoint (<c>Storage:ServiceUrl</c>) may be plain <c>http:</c> in development.
    /// <c>blob:</c> is not needed: the page never previews a file before it is stored.
    /// </summary>
    public static string ContentSecurityPolicy(StorageOptions storage)
    {
        var storageOrigin = Uri.TryCreate(storage.ServiceUrl, UriKind.Absolute, out var service) && service.Scheme == Uri.UriSchemeHttp
            ? " " + service.GetLeftPart(UriPartial.Authority)
            : "";
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            // data: for the placeholders the status answer carries, shown until each thumbnail loads.
            $"img-src 'self' data: https:{storageOrigin}",
            $"connect-src 'self' https:{storageOrigin}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }
}
