using System.Text.Json.Serialization;

namespace ThumbApi.Thumbnails;

/// <summary>Compile-time JSON metadata for the operator's backfill request and what a delivery did.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BackfillRequest))]
[JsonSerializable(typeof(ThumbnailEventResult))]
internal sealed partial class ThumbnailsJsonContext : JsonSerializerContext;
