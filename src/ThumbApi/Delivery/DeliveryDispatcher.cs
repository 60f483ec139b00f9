using System.Text.Json;
using ThumbApi.Delivery.BatchOperations;
using ThumbApi.Delivery.Envelopes;
using ThumbApi.Images;
using ThumbApi.Thumbnails;

namespace ThumbApi.Delivery;

/// <summary>
/// Reads one delivery once and hands it to the handler it is for: the S3 notifications of an event (in whatever
/// envelope) to the thumbnail handler, an operator's <c>{"backfill": {…}}</c> request to the backfill, a lookup's
/// <c>{"refresh": {…}}</c> to the generator, an S3 Batch Operations invocation to its handler. The Lambda entry and
/// the in-process worker both deliver through it.
/// </summary>
public sealed class DeliveryDispatcher(
    ThumbnailEventHandler thumbnails, ThumbnailBackfill backfill, ThumbnailGenerator generator, BatchOperationsHandler batchOperations)
{
    /// <summary>The answer the <c>thumbnails</c> function posts: in Batch Operations' schema for its invocations.</summary>
    /// <exception cref="MalformedEventException">The payload is neither an event nor a request the service knows.</exception>
    public async Task<byte[]> RespondAsync(string payload, CancellationToken cancellationToken)
    {
        using var document = Parse(payload);
        var root = document.RootElement;
        return BatchOperationsInvocation.Describes(root)
            ? (await batchOperations.HandleAsync(BatchOperationsInvocation.FromJson(root), cancellationToken)).ToJson()
            : (await DispatchAsync(root, cancellationToken)).ToJson();
    }

    /// <exception cref="MalformedEventException">The payload is neither an event nor a request the service knows.</exception>
    public async Task<ThumbnailEventResult> DispatchAsync(string payload, CancellationToken cancellationToken)
    {
        using var document = Parse(payload);
        return await DispatchAsync(document.RootElement, cancellationToken);
    }

    private async Task<ThumbnailEventResult> DispatchAsync(JsonElement root, CancellationToken cancellationToken)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("backfill", out var request))
            return new ThumbnailEventResult { Backfill = await backfill.RunAsync(ReadBackfill(request), cancellationToken) };
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("refresh", out var refresh))
            return new ThumbnailEventResult { Refresh = await generator.RefreshAsync(ReadImageName(refresh), cancellationToken) };
        return await thumbnails.HandleAsync(NotificationParser.Parse(root), cancellationToken);
    }

    private static JsonDocument Parse(string payload)
    {
        try
        {
            return JsonDocument.Parse(payload);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The event is not valid JSON: {e.Message}", e);
        }
    }

    private static ImageName ReadImageName(JsonElement refresh)
    {
        var name = RefreshRequest.FromJson(refresh).Name;
        return ImageName.Validate(name) is { } invalid
            ? throw new MalformedEventException($"The refresh request names no image: {invalid}")
            : ImageName.Parse(name);
    }

    private static BackfillRequest ReadBackfill(JsonElement request)
    {
        try
        {
            return BackfillRequest.FromJson(request);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The backfill request is not valid: {e.Message}", e);
        }
    }
}
