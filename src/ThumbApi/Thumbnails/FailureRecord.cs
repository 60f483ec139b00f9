namespace ThumbApi.Thumbnails;

/// <summary>What the bucket keeps about an image that can never be thumbnailed.</summary>
public sealed record FailureRecord(string Name, string Reason, DateTimeOffset FailedAt);
