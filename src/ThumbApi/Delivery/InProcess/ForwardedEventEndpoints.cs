using System.Net;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Storage;

namespace ThumbApi.Delivery.InProcess;

/// <summary>
/// Local runs against an S3-compatible server on this machine: its launcher (<c>build/tools/s3rver.js --notify</c>)
/// posts each S3 event here, and the in-process worker hands it to the thumbnail handler as S3 → SNS → Lambda
/// would. Active only when <c>Storage:ServiceUrl</c> is a loopback address, and only loopback callers are heard.
/// </summary>
public static class ForwardedEventEndpoints
{
    public const string Path = "/storage/events";
    private const long MaxEventBytes = 256 * 1024;

    public static bool AppliesTo(StorageOptions options) =>
        options.Provider == StorageProvider.S3
        && Uri.TryCreate(options.ServiceUrl, UriKind.Absolute, out var url)
        && url.IsLoopback;

    public static IEndpointRouteBuilder MapForwardedEvents(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, ReceiveAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    public static async Task<IResult> ReceiveAsync(HttpRequest request, InProcessEventQueue queue, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Connection.RemoteIpAddress is not { } caller
            || !IPAddress.IsLoopback(caller.IsIPv4MappedToIPv6 ? caller.MapToIPv4() : caller))
            return TypedResults.Problem(title: "Not a local caller", detail: "Events are accepted from this machine only.", statusCode: StatusCodes.Status403Forbidden);
        if (request.ContentLength is not (> 0 and <= MaxEventBytes))
            return TypedResults.Problem(title: "Event size", detail: $"Send one event of at most {MaxEventBytes} bytes with a Content-Length.", statusCode: StatusCodes.Status400BadRequest);

        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            NotificationParser.Parse(json);
        }
        catch (MalformedEventException e)
        {
            return TypedResults.Problem(title: "Not an S3 event", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        queue.Publish(json);
        return TypedResults.Accepted((string?)null);
    }
}
