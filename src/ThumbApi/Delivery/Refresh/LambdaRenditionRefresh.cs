using Microsoft.Extensions.Options;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;
using ThumbApi.Lambda;

namespace ThumbApi.Delivery.Refresh;

/// <summary>
/// On Lambda, the api function hands a refresh to the <c>thumbnails</c> function as an asynchronous invocation, the
/// same path a backfill request takes: the lookup answers <c>202</c> without waiting for any rendering.
/// </summary>
public sealed class LambdaRenditionRefresh(LambdaApiClient lambda, IOptions<RefreshOptions> options) : IRenditionRefresh
{
    public Task RequestAsync(ImageName name, CancellationToken cancellationToken) =>
        lambda.InvokeAsync(options.Value.FunctionName!, System.Text.Encoding.UTF8.GetBytes(RefreshRequest.ToJson(name.Value)), cancellationToken);
}
