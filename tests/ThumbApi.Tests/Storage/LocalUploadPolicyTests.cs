using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Storage;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Storage;

/// <summary>The embedded store enforces the signed policy the way S3 does: nothing it did not sign gets in.</summary>
public sealed class LocalUploadPolicyTests : IAsyncLifetime
{
    private static readonly byte[] Photo = Corpus.Read("photo_cups_2560x1600_gps.jpg");
    private readonly ThumbApiApplication _app = new(("Uploads:MaxBytes", "1000000"));
    private HttpClient _client = null!;
    private JsonObject _upload = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateApiClient();
        _upload = await _client.RequestUploadAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Dictionary<string, string> Fields => UploadClient.Fields(_upload);

    private string Key => Fields["key"];

    [Fact]
    public async Task A_form_within_the_policy_is_stored_and_answered_204()
    {
        var response = await _client.SendFormAsync(_upload, Photo[..500_000]);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(_app.LocalRoot, Key)));
    }

    [Fact]
    public async Task An_expired_form_is_refused_with_403()
    {
        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var response = await _client.SendFormAsync(_upload, Photo[..1000]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Policy expired", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        AssertNothingStored();
    }

    [Theory]
    [InlineData("x-amz-signature")]
    [InlineData("policy")]
    public async Task A_tampered_signature_or_policy_is_refused_with_403(string field)
    {
        var fields = Fields;
        fields[field] = field == "policy"
            ? new PostPolicy(DateTimeOffset.UtcNow.AddDays(1), []).ToBase64()
            : new string('0', 64);

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_form_without_its_signature_is_refused_with_403()
    {
        var fields = Fields;
        fields.Remove("x-amz-signature");

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingStored();
    }

    /// <remarks>The file is not read past to tell a missing policy from one sent after it: either is a 400 saying fields come first.</remarks>
    [Fact]
    public async Task A_form_without_a_policy_before_the_file_is_refused_with_400()
    {
        var fields = Fields;
        fields.Remove("policy");

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("No policy", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        AssertNothingStored();
    }

    [Fact]
    public async Task Another_key_is_refused_with_400()
    {
        var fields = Fields;
        fields["key"] = "images/someone-elses.jpg";

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$key", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(_app.LocalRoot, "images", "someone-elses.jpg")));
    }

    [Fact]
    public async Task Another_content_type_is_refused_with_400()
    {
        var fields = Fields;
        fields["Content-Type"] = "text/html";

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$Content-Type", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
        AssertNothingStored();
    }

    [Theory]
    [InlineData("key")]
    [InlineData("Content-Type")]
    public async Task A_form_missing_a_pinned_field_is_refused_with_400(string field)
    {
        var fields = Fields;
        fields.Remove(field);

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_field_the_policy_does_not_name_is_refused_with_400()
    {
        var fields = Fields;
        fields["acl"] = "public-read";

        var response = await _client.SendFormAsync(_upload, Photo[..1000], fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("extra input field: acl", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_over_the_maximum_is_refused_with_400_and_leaves_nothing_behind()
    {
        var response = await _client.SendFormAsync(_upload, new byte[1_000_001]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Entity too large", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        AssertNothingStored();
        // Nothing but the delete-token key, made when the upload was asked for.
        Assert.Equal([Path.Combine(_app.LocalRoot, ".delete-token-key")], Directory.EnumerateFiles(_app.LocalRoot, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_400()
    {
        var response = await _client.SendFormAsync(_upload, []);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Entity too small", (await response.ReadProblemAsync())["title"]!.GetValue<string>());
        AssertNothingStored();
    }

    [Fact]
    public async Task A_form_without_a_file_is_refused_with_400()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in Fields) form.Add(new StringContent(value), name);

        var response = await _client.PostAsync(_upload["upload"]!["url"]!.GetValue<string>(), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Fields_sent_after_the_file_are_not_trusted()
    {
        // S3 ignores fields after the file; here the pinned key and type arrive too late to count.
        var fields = Fields;
        var form = new MultipartFormDataContent
        {
            { new StringContent(fields["policy"]), "policy" },
            { new StringContent(fields["x-amz-signature"]), "x-amz-signature" },
            { new ByteArrayContent(Photo[..1000]), "file", "photo.jpg" },
            { new StringContent(fields["key"]), "key" },
            { new StringContent(fields["Content-Type"]), "Content-Type" },
        };

        var response = await _client.PostAsync(_upload["upload"]!["url"]!.GetValue<string>(), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_body_that_is_not_a_form_is_refused_with_400()
    {
        var response = await _client.PostAsync(_upload["upload"]!["url"]!.GetValue<string>(),
            new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private void AssertNothingStored() => Assert.False(File.Exists(Path.Combine(_app.LocalRoot, Key)));
}
