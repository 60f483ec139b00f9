using Microsoft.Extensions.Options;
using ThumbApi.Lambda;

namespace ThumbApi.Notifications;

/// <summary>
/// What the links in image events are made absolute with: <c>Notifications:PublicBaseUrl</c>, or else (on Lambda)
/// the api function's Function URL, looked up once from <c>Notifications:ApiFunctionName</c>; the links stay
/// relative without either.
/// </summary>
/// <param name="lambda">Lambda's API, or <c>null</c> without an api function to look up.</param>
public sealed class ImageLinkBase(IOptions<NotificationOptions> options, LambdaApiClient? lambda)
{
    private Uri? _looked;

    /// <exception cref="FunctionUrlLookupException">The api function's URL could not be looked up: the event fails, and is retried.</exception>
    public async ValueTask<Uri?> GetAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.PublicBaseUrl is { } configured) return configured;
        if (settings.ApiFunctionName is not { } api || lambda is null) return null;
        return _looked ??= await lambda.GetFunctionUrlAsync(api, cancellationToken);
    }
}
