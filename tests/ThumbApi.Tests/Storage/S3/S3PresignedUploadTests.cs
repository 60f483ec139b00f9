using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using Microsoft.Extensions.Options;
using ThumbApi.Storage;
using ThumbApi.Storage.S3;

namespace ThumbApi.Tests.Storage.S3;

/// <summary>
/// s3rver accepts the SDK's presigned POST form but does not enforce its policy, so the policy is decoded here
/// and every condition in it checked: it is what S3 enforces in production.
/// </summary>
[Collection(S3rverCollection.Name)]
public sealed class S3PresignedUploadTests(S3rverFixture s3rver) : IDisposable
{
    private readonly IAmazonS3 _client = s3rver.CreateClient();
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    private S3Presigner Presigner => new(_client, Options.Create(s3rver.Options));

    private static UploadConditions NewConditions(long maxBytes = 4096) =>
        new($"images/{Guid.NewGuid():N}.png", "image/png", maxBytes, DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds()));

    /// <summary>A browser's form: every field in order, the file last.</summary>
    public static MultipartFormDataContent Form(IReadOnlyDictionary<string, string> fields, byte[] file, string fileName = "cat.png")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        form.Add(new ByteArrayContent(file), "file", fileName);
        return form;
    }

    [Fact]
    public async Task TheFormIsPostedToTheBucketUrl()
    {
        var upload = await Presigner.PresignUploadAsync(NewConditions(), CancellationToken.None);

        Assert.Equal($"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/", upload.Url.ToString());
    }

    [Fact]
    public async Task TheServerAcceptsTheFormAndKeepsTheContentType()
    {
        var conditions = NewConditions();
        var upload = await Presigner.PresignUploadAsync(conditions, CancellationToken.None);
        var file = Encoding.ASCII.GetBytes("not really a png, but S3 does not look");

        using var response = await _http.PostAsync(upload.Url, Form(upload.Fields, file));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var stored = await _client.GetObjectAsync(S3rverFixture.Bucket, conditions.Key);
        Assert.Equal("image/png", stored.Headers.ContentType);
        Assert.Equal(file.Length, stored.ContentLength);
    }

    [Fact]
    public async Task ThePolicyPinsTheKeyTheContentTypeTheSizeRangeAndTheExpiry()
    {
        // Read as S3 reads it, with plain JSON: independent of the project's own PostPolicy evaluator.
        var conditions = NewConditions(maxBytes: 26_214_400);
        var upload = await Presigner.PresignUploadAsync(conditions, CancellationToken.None);
        var fields = new Dictionary<string, string>(upload.Fields, StringComparer.OrdinalIgnoreCase);
        using var policy = JsonDocument.Parse(Convert.FromBase64String(fields["policy"]));

        Assert.Equal(["conditions", "expiration"], policy.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        var expiration = policy.RootElement.GetProperty("expiration").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$", expiration);
        Assert.Equal(conditions.ExpiresAt, DateTimeOffset.Parse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

        var date = fields["x-amz-date"];
        Assert.Matches(@"^\d{8}T\d{6}Z$", date);
        var signedAt = DateTimeOffset.ParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(DateTimeOffset.UtcNow - signedAt, TimeSpan.FromSeconds(-5), TimeSpan.FromMinutes(1));
        // Only exact matches and the size range: a starts-with condition would let the form choose another key or
        // content type, and a missing one would leave that field free.
        string[] expected =
        [
            $"eq bucket {S3rverFixture.Bucket}",
            $"eq key {conditions.Key}",
            "eq content-type image/png",
            "content-length-range 1 26214400",
            "eq x-amz-algorithm AWS4-HMAC-SHA256",
            $"eq x-amz-credential S3RVER/{date[..8]}/us-east-1/s3/aws4_request",
            $"eq x-amz-date {date}",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), policy.RootElement.GetProperty("conditions").EnumerateArray().Select(Condition).Order(StringComparer.Ordinal));

        // The form sends what the policy pins, and the signature over the policy.
        Assert.Equal(conditions.Key, fields["key"]);
        Assert.Equal("image/png", fields["Content-Type"]);
        Assert.Equal("AWS4-HMAC-SHA256", fields["x-amz-algorithm"]);
        Assert.Equal($"S3RVER/{date[..8]}/us-east-1/s3/aws4_request", fields["x-amz-credential"]);
        Assert.Matches("^[0-9a-f]{64}$", fields["x-amz-signature"]);
    }

    /// <summary>
    /// One policy condition in one spelling: S3 accepts <c>{"field": "value"}</c> and <c>["eq", "$field", "value"]</c>
    /// for an exact match (field names case-insensitive), <c>["content-length-range", min, max]</c>, and
    /// <c>["starts-with", "$field", "prefix"]</c>.
    /// </summary>
    private static string Condition(JsonElement condition) => condition.ValueKind switch
    {
        JsonValueKind.Object when condition.EnumerateObject().Count() == 1 =>
            condition.EnumerateObject().Select(p => $"eq {p.Name.ToLowerInvariant()} {p.Value.GetString()}").Single(),
        JsonValueKind.Array when condition[0].GetString() == "content-length-range" =>
            $"content-length-range {condition[1].GetInt64()} {condition[2].GetInt64()}",
        JsonValueKind.Array when condition.GetArrayLength() == 3 && condition[1].GetString()!.StartsWith('$') =>
            $"{condition[0].GetString()!.ToLowerInvariant()} {condition[1].GetString()![1..].ToLowerInvariant()} {condition[2].GetString()}",
        _ => $"unrecognised {condition.GetRawText()}",
    };

    [Fact]
    public async Task ThePolicyRefusesAnyOtherKeyContentTypeOrExtraField()
    {
        var upload = await Presigner.PresignUploadAsync(NewConditions(), CancellationToken.None);
        var policy = PostPolicy.FromBase64(upload.Fields.First(f => f.Key.Equals("policy", StringComparison.OrdinalIgnoreCase)).Value);
        // S3 matches the bucket condition against the bucket the form is posted to.
        Dictionary<string, string> Form(Action<Dictionary<string, string>> change)
        {
            var form = new Dictionary<string, string>(upload.Fields, StringComparer.OrdinalIgnoreCase) { ["bucket"] = S3rverFixture.Bucket };
            change(form);
            return form;
        }

        Assert.Null(policy.Violation(Form(_ => { })));
        Assert.NotNull(policy.Violation(Form(f => f["key"] = "images/other.png")));
        Assert.NotNull(policy.Violation(Form(f => f["key"] = "thumbnails/x.png")));
        Assert.NotNull(policy.Violation(Form(f => f["Content-Type"] = "text/html")));
        Assert.NotNull(policy.Violation(Form(f => f["bucket"] = "another-bucket")));
        Assert.NotNull(policy.Violation(Form(f => f["acl"] = "public-read")));
        Assert.NotNull(policy.Violation(Form(f => f["success_action_redirect"] = "https://example.invalid/")));
    }

    [Fact]
    public async Task TemporaryCredentialsPinTheirSessionTokenInThePolicy()
    {
        // On Lambda the role's credentials carry a session token; S3 refuses a form whose policy does not name it.
        using var client = new AmazonS3Client(new Amazon.Runtime.SessionAWSCredentials("S3RVER", "S3RVER", "session-token"),
            S3ClientFactory.CreateConfig(s3rver.Options));
        var upload = await new S3Presigner(client, Options.Create(s3rver.Options)).PresignUploadAsync(NewConditions(), CancellationToken.None);

        var fields = new Dictionary<string, string>(upload.Fields, StringComparer.OrdinalIgnoreCase);
        var policy = PostPolicy.FromBase64(fields["policy"]);
        Assert.Equal("session-token", fields["x-amz-security-token"]);
        Assert.Contains(policy.Conditions, c => c is { Operator: "eq", Field: "x-amz-security-token", Value: "session-token" });
    }

    [Fact]
    public async Task ABrowserPreflightFromTheAllowedOriginIsAnswered()
    {
        using var preflight = Preflight(S3rverFixture.AllowedOrigin);
        using var response = await _http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // s3rver answers a preflight with "*"; S3 echoes the origin. Either lets the page read the response.
        Assert.Contains(Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")), new[] { "*", S3rverFixture.AllowedOrigin });
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
    }

    [Fact]
    public async Task ABrowserPreflightFromAnotherOriginIsRefused()
    {
        using var preflight = Preflight("https://elsewhere.example");
        using var response = await _http.SendAsync(preflight);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, $"{s3rver.ServiceUrl}/{S3rverFixture.Bucket}/");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        return request;
    }
}
