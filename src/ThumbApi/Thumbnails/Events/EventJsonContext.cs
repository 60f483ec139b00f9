using System.Text.Json.Serialization;

namespace ThumbApi.Thumbnails.Events;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(SnsEvent))]
[JsonSerializable(typeof(S3Event))]
[JsonSerializable(typeof(S3EventRecord))]
[JsonSerializable(typeof(SnsRecord))]
[JsonSerializable(typeof(S3TestEvent))]
[JsonSerializable(typeof(FailureRecord))]
[JsonSerializable(typeof(ThumbnailEventResult))]
[JsonSerializable(typeof(BackfillRequest))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
