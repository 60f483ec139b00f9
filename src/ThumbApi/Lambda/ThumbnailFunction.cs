using System.Text;
using System.Text.Json;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Events;

namespace ThumbApi.Lambda;

/// <summary>
/// The <c>thumbnails</c> role: hands each SNS delivery to <see cref="ThumbnailEventHandler"/>. Its exceptions
/// (malformed events, storage failures) become invocation errors, so that Lambda retries and then sends the event
/// to the on-failure destination; permanent image failures are recorded by the handler and succeed.
/// </summary>
public sealed class ThumbnailFunction(IServiceScopeFactory scopes) : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ThumbnailEventHandler>()
            .HandleAsync(Encoding.UTF8.GetString(invocation.Payload), cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(result, EventJsonContext.Default.ThumbnailEventResult);
    }
}
