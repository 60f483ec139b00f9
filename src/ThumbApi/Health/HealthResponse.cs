namespace ThumbApi.Health;

/// <param name="Storage">The store in use: <c>Local</c> or <c>S3</c>.</param>
/// <param name="Engine">The thumbnail engine: <c>NetVips</c> or <c>ImageSharp</c>.</param>
public sealed record HealthResponse(string Status, string Storage, string Engine);
