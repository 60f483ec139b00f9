using System.Text.Json.Serialization;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>Compile-time JSON metadata for the envelopes events arrive in (Native AOT has no reflection-based serializer).</summary>
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
[JsonSerializable(typeof(RefreshEnvelope))]
[JsonSerializable(typeof(BatchOperationsInvocation))]
[JsonSerializable(typeof(BatchOperationsResponse))]
internal sealed partial class EnvelopeJsonContext : JsonSerializerContext;
