using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Storage;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Uploads;

public sealed class CreateUploadTests
{
    [Fact]
    public async Task An_upload_is_created_with_the_contract_shape()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var response = await client.PostAsJsonAsync("/uploads", new { fileName = "My Holiday.JPEG", contentType = "image/jpeg", contentLength = 1234 });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var name = body["name"]!.GetValue<string>();
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{26}\\.jpg$", name);
        Assert.Equal($"/uploads/{name}", response.Headers.Location?.OriginalString);
        Assert.Equal($"/uploads/{name}", body["status"]!.GetValue<string>());
        Assert.Equal($"/thumbnails/{name}", body["thumbnail"]!.GetValue<string>());

        var upload = body["upload"]!;
        Assert.Equal("POST", upload["method"]!.GetValue<string>());
        Assert.Equal("http://localhost/storage/upload", upload["url"]!.GetValue<string>());
        Assert.Equal("file", upload["fileField"]!.GetValue<string>());
        Assert.Equal(26214400, upload["maxBytes"]!.GetValue<long>());
        var expiresAt = DateTimeOffset.Parse(upload["expiresAt"]!.GetValue<string>());
        Assert.Equal(app.Clock.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds(), expiresAt.ToUnixTimeSeconds());
        Assert.EndsWith("Z", upload["expiresAt"]!.GetValue<string>());

        var fields = UploadClient.Fields(body);
        Assert.Equal($"images/{name}", fields["key"]);
        Assert.Equal("image/jpeg", fields["Content-Type"]);
        var policy = PostPolicy.FromBase64(fields["policy"]);
        Assert.Equal(expiresAt, policy.Expiration);
        Assert.Equal((1, 26214400), policy.LengthRange);
        Assert.Null(policy.Violation(fields));
    }

    [Fact]
    public async Task Names_are_unique_even_for_the_same_file_name()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var names = new HashSet<string>();
        for (var i = 0; i < 20; i++) names.Add((await client.RequestUploadAsync("same.jpg"))["name"]!.GetValue<string>());

        Assert.Equal(20, names.Count);
    }

    [Theory]
    [InlineData("image/png", ".png")]
    [InlineData("IMAGE/WEBP", ".webp")]
    [InlineData("image/gif", ".gif")]
    public async Task The_name_keeps_the_extension_of_the_content_type(string contentType, string extension)
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var upload = await client.RequestUploadAsync("../../etc/passwd", contentType);

        Assert.EndsWith(extension, upload["name"]!.GetValue<string>());
        Assert.Equal(contentType.ToLowerInvariant(), UploadClient.Fields(upload)["Content-Type"]);
    }

    [Theory]
    [InlineData("""{"contentType":"image/jpeg"}""", "fileName")]
    [InlineData("""{"fileName":"  ","contentType":"image/jpeg"}""", "fileName")]
    [InlineData("""{"fileName":"a.jpg"}""", "contentType")]
    [InlineData("""{"fileName":"a.svg","contentType":"image/svg+xml"}""", "contentType")]
    [InlineData("""{"fileName":"a.html","contentType":"text/html"}""", "contentType")]
    [InlineData("""{"fileName":"a.jpg","contentType":"image/jpeg","contentLength":0}""", "contentLength")]
    [InlineData("""{"fileName":"a.jpg","contentType":"image/jpeg","contentLength":26214401}""", "contentLength")]
    public async Task An_invalid_request_is_a_validation_problem_naming_the_field(string json, string field)
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var response = await client.PostAsync("/uploads", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
    }

    [Theory]
    [InlineData("{not json", "invalid start of a property name")]
    [InlineData("""{"fileName":"a.jpg","contentType":"image/jpeg","contentLength":"big"}""", "contentLength")]
    public async Task Malformed_json_is_a_problem_that_says_what_is_wrong(string json, string detail)
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();

        var response = await client.PostAsync("/uploads", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(detail, (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_body_is_a_problem_showing_what_to_send()
    {
        await using var app = new ThumbApiApplication();

        var response = await app.CreateApiClient().PostAsync("/uploads", new StringContent("", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        var message = Assert.Single(problem["errors"]!["body"]!.AsArray())!.GetValue<string>();
        Assert.Contains("\"contentType\": \"image/jpeg\"", message);
        Assert.DoesNotContain("Implicit body", problem.ToJsonString());
    }
}
