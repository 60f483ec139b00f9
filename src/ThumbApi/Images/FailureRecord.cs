using System.Text.Json;

namespace ThumbApi.Images;

/// <summary>What the bucket keeps about an image that can never be thumbnailed, under its <see cref="ImageName.FailureKey"/>.</summary>
public sealed record FailureRecord(string Name, string Reason, DateTimeOffset FailedAt)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, ImagesJsonContext.Default.FailureRecord);

    /// <exception cref="JsonException">The bytes are not a failure record.</exception>
    public static FailureRecord? FromJson(byte[] json) => JsonSerializer.Deserialize(json, ImagesJsonContext.Default.FailureRecord);
}
