using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ThumbApi.Storage;

/// <summary>
/// An S3 browser POST policy: an expiry and conditions over the form's fields
/// (<see href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-HTTPPOSTConstructPolicy.html"/>).
/// The embedded store issues and enforces these; the S3 tests decode the ones the SDK signs.
/// </summary>
public sealed record PostPolicy(DateTimeOffset Expiration, IReadOnlyList<PostPolicyCondition> Conditions)
{
    /// <summary>Form fields that need no condition of their own (S3 names the same ones).</summary>
    private static readonly HashSet<string> UnconditionedFields =
        new(["policy", "x-amz-signature", "file"], StringComparer.OrdinalIgnoreCase);

    public static PostPolicy ForUpload(UploadConditions upload) => new(upload.ExpiresAt,
    [
        PostPolicyCondition.Exact("key", upload.Key),
        PostPolicyCondition.Exact("Content-Type", upload.ContentType),
        PostPolicyCondition.ContentLengthRange(1, upload.MaxBytes),
    ]);

    public string ToBase64()
    {
        var conditions = new JsonArray();
        foreach (var condition in Conditions)
        {
            // Typed as JsonNode: the generic Add<T> would wrap the array as a value to serialize by reflection.
            conditions.Add((JsonNode)(condition.Operator switch
            {
                "content-length-range" => new JsonArray(condition.Operator, condition.Min, condition.Max),
                _ => new JsonArray(condition.Operator, "$" + condition.Field, condition.Value),
            }));
        }
        var document = new JsonObject
        {
            ["expiration"] = Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["conditions"] = conditions,
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(document.ToJsonString()));
    }

    /// <exception cref="FormatException">The policy is not base64 of a policy document.</exception>
    public static PostPolicy FromBase64(string base64)
    {
        try
        {
            var document = JsonNode.Parse(Convert.FromBase64String(base64))?.AsObject()
                ?? throw new FormatException("The policy is empty.");
            var expiration = DateTimeOffset.Parse(
                document["expiration"]?.GetValue<string>() ?? throw new FormatException("The policy has no expiration."),
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var conditions = (document["conditions"]?.AsArray() ?? throw new FormatException("The policy has no conditions."))
                .Select(ParseCondition).ToList();
            return new PostPolicy(expiration, conditions);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"The policy is not a valid policy document: {e.Message}", e);
        }
    }

    /// <summary>The first condition the form breaks, or <c>null</c>. The file's length is checked separately.</summary>
    public string? Violation(IReadOnlyDictionary<string, string> fields)
    {
        foreach (var condition in Conditions.Where(c => c.Field is not null))
        {
            fields.TryGetValue(condition.Field!, out var value);
            if (!condition.IsSatisfiedBy(value))
                return $"Invalid according to policy: condition failed: [\"{condition.Operator}\", \"${condition.Field}\", \"{condition.Value}\"].";
        }
        foreach (var field in fields.Keys)
        {
            if (UnconditionedFields.Contains(field) || field.StartsWith("x-ignore-", StringComparison.OrdinalIgnoreCase)) continue;
            if (!Conditions.Any(c => string.Equals(c.Field, field, StringComparison.OrdinalIgnoreCase)))
                return $"Invalid according to policy: extra input field: {field}.";
        }
        return null;
    }

    public (long Min, long Max)? LengthRange =>
        Conditions.FirstOrDefault(c => c.Operator == "content-length-range") is { } c ? (c.Min, c.Max) : null;

    private static PostPolicyCondition ParseCondition(JsonNode? node)
    {
        if (node is JsonObject { Count: 1 } exact)
            return PostPolicyCondition.Exact(exact.First().Key, exact.First().Value!.GetValue<string>());
        if (node is JsonArray { Count: 3 } list)
        {
            var op = list[0]!.GetValue<string>();
            if (op == "content-length-range")
                return PostPolicyCondition.ContentLengthRange(list[1]!.GetValue<long>(), list[2]!.GetValue<long>());
            if (op is "eq" or "starts-with")
                return new PostPolicyCondition(op, list[1]!.GetValue<string>().TrimStart('$'), list[2]!.GetValue<string>(), 0, 0);
        }
        throw new FormatException($"Unsupported policy condition: {node?.ToJsonString()}");
    }
}

/// <param name="Operator"><c>eq</c>, <c>starts-with</c> or <c>content-length-range</c>.</param>
public sealed record PostPolicyCondition(string Operator, string? Field, string? Value, long Min, long Max)
{
    public static PostPolicyCondition Exact(string field, string value) => new("eq", field, value, 0, 0);

    public static PostPolicyCondition ContentLengthRange(long min, long max) => new("content-length-range", null, null, min, max);

    public bool IsSatisfiedBy(string? fieldValue) => Operator switch
    {
        "eq" => fieldValue == Value,
        "starts-with" => fieldValue is not null && fieldValue.StartsWith(Value!, StringComparison.Ordinal),
        _ => true,
    };
}
