using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThumbApi.Images;

/// <summary>Compile-time JSON metadata for the image answers and the failure record (Native AOT has no reflection-based serializer).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ImageStatusResponse))]
[JsonSerializable(typeof(FailureRecord))]
[JsonSerializable(typeof(RenditionRecord))]
internal sealed partial class ImagesJsonContext : JsonSerializerContext;
