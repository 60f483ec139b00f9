using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThumbApi.Uploads;

/// <summary>Compile-time JSON metadata for the upload request and answer (Native AOT has no reflection-based serializer).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(CreateUploadResponse))]
internal sealed partial class UploadsJsonContext : JsonSerializerContext;
