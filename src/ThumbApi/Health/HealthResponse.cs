namespace ThumbApi.Health;

/// <param name="Status"><c>ok</c>, or <c>unavailable</c> when the store does not answer.</param>
/// <param name="Storage">The store in use: <c>Local</c> or <c>S3</c>.</param>
/// <param name="Engine">The thumbnail engine: <c>NetVips</c> or <c>ImageSharp</c>.</param>
/// <param name="Reason">Why the store does not answer, when it does not.</param>
public sealed record HealthResponse(string Status, string Storage, string Engine, string? Reason = null);
