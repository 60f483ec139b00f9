using System.Text;
using ThumbApi.Storage;

namespace ThumbApi.Tests.Storage;

public sealed class PostPolicyTests
{
    private static readonly UploadConditions Upload = new("images/a.jpg", "image/jpeg", 1000, new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));

    private static Dictionary<string, string> Form(params (string, string)[] fields) =>
        fields.ToDictionary(f => f.Item1, f => f.Item2, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void A_policy_survives_its_round_trip_through_base64()
    {
        var policy = PostPolicy.FromBase64(PostPolicy.ForUpload(Upload).ToBase64());

        Assert.Equal(Upload.ExpiresAt, policy.Expiration);
        Assert.Equal((1, 1000), policy.LengthRange);
        Assert.Null(policy.Violation(Form(("key", "images/a.jpg"), ("Content-Type", "image/jpeg"))));
    }

    [Fact]
    public void The_document_uses_S3s_policy_grammar()
    {
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(PostPolicy.ForUpload(Upload).ToBase64()));

        Assert.Equal("""{"expiration":"2026-11-25T15:00:00.000Z","conditions":[["eq","$key","images/a.jpg"],["eq","$Content-Type","image/jpeg"],["content-length-range",1,1000]]}""", json);
    }

    [Fact]
    public void S3s_object_and_starts_with_conditions_are_understood()
    {
        var json = """{"expiration":"2030-01-01T00:00:00Z","conditions":[{"bucket":"b"},["starts-with","$key","images/"],{"x-amz-date":"20300101T000000Z"}]}""";
        var policy = PostPolicy.FromBase64(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)));

        Assert.Null(policy.Violation(Form(("bucket", "b"), ("key", "images/x.png"), ("x-amz-date", "20300101T000000Z"))));
        Assert.NotNull(policy.Violation(Form(("bucket", "b"), ("key", "thumbnails/x.png"), ("x-amz-date", "20300101T000000Z"))));
    }

    [Fact]
    public void Field_names_match_without_regard_to_case_but_values_exactly()
    {
        var policy = PostPolicy.ForUpload(Upload);

        Assert.Null(policy.Violation(Form(("KEY", "images/a.jpg"), ("content-type", "image/jpeg"))));
        Assert.NotNull(policy.Violation(Form(("key", "images/A.jpg"), ("Content-Type", "image/jpeg"))));
    }

    [Fact]
    public void Ignorable_fields_need_no_condition()
    {
        var policy = PostPolicy.ForUpload(Upload);

        Assert.Null(policy.Violation(Form(("key", "images/a.jpg"), ("Content-Type", "image/jpeg"), ("x-ignore-note", "hi"), ("policy", "…"), ("x-amz-signature", "…"))));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("eyJjb25kaXRpb25zIjpbXX0=")]
    public void Garbage_is_a_format_error(string base64) => Assert.Throws<FormatException>(() => PostPolicy.FromBase64(base64));

    private static string Base64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("null", "The policy is empty.")]
    [InlineData("""{"conditions":[]}""", "The policy has no expiration.")]
    [InlineData("""{"expiration":"2030-01-01T00:00:00Z"}""", "The policy has no conditions.")]
    [InlineData("""{"expiration":"2030-01-01T00:00:00Z","conditions":[["starts-with","$key"]]}""", "Unsupported policy condition: [\"starts-with\",\"$key\"]")]
    [InlineData("not json", "The policy is not a valid policy document: ")]
    public void A_format_error_says_what_is_wrong(string json, string reason) =>
        Assert.StartsWith(reason, Assert.Throws<FormatException>(() => PostPolicy.FromBase64(Base64(json))).Message);

    [Fact]
    public void A_policy_without_a_size_range_has_none()
    {
        var policy = PostPolicy.FromBase64(Base64("""{"expiration":"2030-01-01T00:00:00Z","conditions":[{"key":"images/a.jpg"}]}"""));

        Assert.Null(policy.LengthRange);
        Assert.Equal(PostPolicyCondition.Exact("key", "images/a.jpg"), Assert.Single(policy.Conditions));
    }

    [Fact]
    public void The_size_range_is_no_condition_on_a_form_field()
    {
        // The file's length is checked against the range where the file is read, not among the fields.
        Assert.True(PostPolicyCondition.ContentLengthRange(1, 10).IsSatisfiedBy(null));
        Assert.True(PostPolicyCondition.ContentLengthRange(1, 10).IsSatisfiedBy("100"));
    }
}
