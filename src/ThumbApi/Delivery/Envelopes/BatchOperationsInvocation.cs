using System.Text.Json;
using System.Text.Json.Serialization;

namespace ThumbApi.Delivery.Envelopes;

/// <summary>
/// What S3 Batch Operations sends a function for a <c>LambdaInvoke</c> job: schema 1.0 names each task's bucket by ARN,
/// 2.0 by name and adds the job's <c>userArguments</c>. https://docs.aws.amazon.com/AmazonS3/latest/userguide/batch-ops-invoke-lambda.html
/// </summary>
public sealed record BatchOperationsInvocation(
    [property: JsonPropertyName("invocationSchemaVersion")] string InvocationSchemaVersion,
    [property: JsonPropertyName("invocationId")] string InvocationId,
    [property: JsonPropertyName("job")] BatchOperationsJob Job,
    [property: JsonPropertyName("tasks")] IReadOnlyList<BatchOperationsTask> Tasks)
{
    /// <summary>Whether a payload is one, read from the two fields no other event has.</summary>
    public static bool Describes(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("invocationSchemaVersion", out _) && root.TryGetProperty("tasks", out _);

    /// <exception cref="MalformedEventException">The payload is not an invocation of a schema this service knows.</exception>
    public static BatchOperationsInvocation FromJson(JsonElement root)
    {
        BatchOperationsInvocation? invocation;
        try
        {
            invocation = root.Deserialize(EnvelopeJsonContext.Default.BatchOperationsInvocation);
        }
        catch (JsonException e)
        {
            throw new MalformedEventException($"The S3 Batch Operations invocation is not valid: {e.Message}", e);
        }
        if (invocation is null || invocation.InvocationSchemaVersion is not ("1.0" or "2.0"))
            throw new MalformedEventException($"S3 Batch Operations invocation schema '{invocation?.InvocationSchemaVersion}' is not 1.0 or 2.0.");
        return invocation;
    }
}

public sealed record BatchOperationsJob(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("userArguments")] IReadOnlyDictionary<string, string>? UserArguments = null);

/// <param name="S3Key">URL-encoded, as in S3's manifests.</param>
/// <param name="S3BucketArn">Schema 1.0.</param>
/// <param name="S3Bucket">Schema 2.0.</param>
public sealed record BatchOperationsTask(
    [property: JsonPropertyName("taskId")] string TaskId,
    [property: JsonPropertyName("s3Key")] string S3Key,
    [property: JsonPropertyName("s3VersionId")] string? S3VersionId = null,
    [property: JsonPropertyName("s3BucketArn")] string? S3BucketArn = null,
    [property: JsonPropertyName("s3Bucket")] string? S3Bucket = null)
{
    public string? BucketName => S3Bucket ?? (S3BucketArn is { } arn && arn.LastIndexOf(':') is var colon and >= 0 ? arn[(colon + 1)..] : null);
}

/// <summary>The answer Batch Operations reads: one result per task, in the schema it was asked in.</summary>
public sealed record BatchOperationsResponse(
    [property: JsonPropertyName("invocationSchemaVersion")] string InvocationSchemaVersion,
    [property: JsonPropertyName("treatMissingKeysAs")] string TreatMissingKeysAs,
    [property: JsonPropertyName("invocationId")] string InvocationId,
    [property: JsonPropertyName("results")] IReadOnlyList<BatchOperationsResult> Results)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, EnvelopeJsonContext.Default.BatchOperationsResponse);
}

/// <param name="ResultCode"><c>Succeeded</c>, <c>TemporaryFailure</c> (Batch Operations retries the task) or <c>PermanentFailure</c>.</param>
public sealed record BatchOperationsResult(
    [property: JsonPropertyName("taskId")] string TaskId,
    [property: JsonPropertyName("resultCode")] string ResultCode,
    [property: JsonPropertyName("resultString")] string ResultString);
