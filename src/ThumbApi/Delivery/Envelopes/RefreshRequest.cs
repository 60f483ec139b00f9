using System.Text.Json;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>
/// <c>{"refresh": {"name": …}}</c>: make the missing or outdated renditions of one image. The api function sends it
/// to the <c>thumbnails</c> function when a lookup finds one; locally it goes through the in-process queue.
/// </summary>
public sealed record RefreshRequest(string Name)
{
    public static string ToJson(string name) =>
        JsonSerializer.Serialize(new RefreshEnvelope(new RefreshRequest(name)), EnvelopeJsonContext.Default.RefreshEnvelope);

    /// <exception cref="MalformedEventException">The element is not a refresh request.</exception>
    public static RefreshRequest FromJson(JsonElement request)
    {
        try
        {
            return request.Deserialize(EnvelopeJsonContext.Default.RefreshRequest)
                   ?? throw new MalformedEventException("The refresh request is null.");
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The refresh request is not valid: {e.Message}", e);
        }
    }
}

public sealed record RefreshEnvelope(RefreshRequest Refresh);
