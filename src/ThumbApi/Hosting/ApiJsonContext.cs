using System.Text.Json;
using System.Text.Json.Serialization;
using ThumbApi.Uploads;

namespace ThumbApi.Hosting;

/// <summary>
/// Compile-time JSON metadata for every request and response body of the API. Native AOT has no reflection-based
/// serializer, and under JIT it spares building the converters at the first request of a cold start.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CreateUploadRequest))]
[JsonSerializable(typeof(CreateUploadResponse))]
[JsonSerializable(typeof(ImageStatusResponse))]
[JsonSerializable(typeof(HealthEndpoints.HealthResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
