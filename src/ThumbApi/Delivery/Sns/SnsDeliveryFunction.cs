using System.Text;
using ThumbApi.Lambda;

namespace ThumbApi.Delivery.Sns;

/// <summary>
/// The <c>thumbnails</c> role's Lambda entry: hands each SNS delivery (or a backfill or refresh request, or an S3
/// Batch Operations invocation) to the <see cref="DeliveryDispatcher"/>. Its exceptions (malformed events, storage failures) become invocation errors,
/// so that Lambda retries and then sends the event to the on-failure destination; permanent image failures are
/// recorded by the thumbnail handler and succeed.
/// </summary>
public sealed class SnsDeliveryFunction(DeliveryDispatcher dispatcher) : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(LambdaInvocation invocation, CancellationToken cancellationToken) =>
        await dispatcher.RespondAsync(Encoding.UTF8.GetString(invocation.Payload), cancellationToken);
}
