using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Images;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

/// <summary><c>DELETE /uploads/{name}</c>: by its uploader's token or an API key, and nothing of the image is left.</summary>
public sealed class DeleteUploadTests : IAsyncLifetime
{
    private static readonly TimeSpan Cascade = TimeSpan.FromSeconds(30);
    private readonly ThumbApiApplication _app = new(("Auth:ApiKeys:0", "the-operators-key"));
    // Uploads need the key in this app; every other request goes without it, so only the credentials a test sends count.
    private HttpClient _uploader = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _uploader = _app.CreateApiClient();
        _uploader.DefaultRequestHeaders.Add("X-Api-Key", "the-operators-key");
        _client = _app.CreateApiClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_uploader_deletes_with_its_token_and_nothing_of_the_image_is_left()
    {
        var (name, token) = await UploadReadyAsync();
        var thumbnailUrl = (await _client.GetAsync($"/thumbnails/{name}")).Headers.Location!;

        var deleted = await DeleteAsync(name, bearer: token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/uploads/{name}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/thumbnails/{name}")).StatusCode);
        await Eventually.UntilAsync($"everything made of {name} to be removed", Cascade, () => DerivedFiles(name).Length == 0);
        Assert.False(File.Exists(Path.Combine(_app.LocalRoot, "images", name)));
        // A URL handed out before the delete serves nothing any more.
        Assert.NotEqual(HttpStatusCode.OK, (await _client.GetAsync(thumbnailUrl)).StatusCode);
    }

    [Fact]
    public async Task An_api_key_holder_deletes_an_image_it_did_not_upload()
    {
        var (name, _) = await UploadReadyAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(name, apiKey: "the-operators-key")).StatusCode);
        await Eventually.UntilAsync($"everything made of {name} to be removed", Cascade, () => DerivedFiles(name).Length == 0);
    }

    [Fact]
    public async Task Without_credentials_it_is_401_with_a_bearer_challenge_and_the_image_stays()
    {
        var (name, _) = await UploadReadyAsync();

        var response = await DeleteAsync(name);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("deleteToken", (await response.ReadProblemAsync())["detail"]!.GetValue<string>());
        Assert.Equal("ready", await StatusAsync(name));
    }

    [Fact]
    public async Task A_token_of_another_image_is_403_and_neither_image_is_touched()
    {
        var (first, _) = await UploadReadyAsync();
        var (second, secondToken) = await UploadReadyAsync();

        var response = await DeleteAsync(first, bearer: secondToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("ready", await StatusAsync(first));
        Assert.Equal("ready", await StatusAsync(second));
    }

    [Theory]
    [InlineData("cut")]
    [InlineData("longer")]
    [InlineData("one character changed")]
    [InlineData("not base64url")]
    [InlineData("huge")]
    [InlineData("padded")]
    public async Task A_token_that_is_not_exactly_the_images_is_403(string how)
    {
        var (name, token) = await UploadReadyAsync();
        var wrong = how switch
        {
            "cut" => token[..^1],
            "longer" => token + "A",
            "one character changed" => (token[0] == 'A' ? "B" : "A") + token[1..],
            "not base64url" => "!!" + token[2..],
            "huge" => new string('A', 8000),
            _ => token + "=",
        };

        Assert.Equal(HttpStatusCode.Forbidden, (await DeleteAsync(name, bearer: wrong)).StatusCode);
        Assert.Equal("ready", await StatusAsync(name));
    }

    [Fact]
    public async Task A_wrong_api_key_is_403()
    {
        var (name, _) = await UploadReadyAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await DeleteAsync(name, apiKey: "a-guess")).StatusCode);
        Assert.Equal("ready", await StatusAsync(name));
    }

    [Fact]
    public async Task Where_no_api_key_is_configured_a_key_deletes_nothing()
    {
        await using var open = new ThumbApiApplication();
        var client = open.CreateApiClient();
        var name = await client.UploadAsync(Corpus.Read("photo_cups_2560x1600_gps.jpg"));

        var request = new HttpRequestMessage(HttpMethod.Delete, $"/uploads/{name}");
        request.Headers.Add("X-Api-Key", "anything");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Deleting_an_image_that_is_already_gone_is_404()
    {
        var (name, token) = await UploadReadyAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(name, bearer: token)).StatusCode);

        var again = await DeleteAsync(name, bearer: token);

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_still_works_after_the_service_restarts()
    {
        var (name, token) = await UploadReadyAsync();

        await using var restarted = new ThumbApiApplication(("Storage:LocalRoot", _app.LocalRoot));
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/uploads/{name}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.NoContent, (await restarted.CreateApiClient().SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task The_key_file_is_made_once_and_readable_by_its_owner_only()
    {
        await _uploader.RequestUploadAsync();

        var file = Path.Combine(_app.LocalRoot, ".delete-token-key");
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var key = await File.ReadAllTextAsync(file);
        await _uploader.RequestUploadAsync();
        Assert.Equal(key, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task The_longest_name_a_key_allows_gets_a_token_and_a_clear_404()
    {
        var name = ImageName.Parse(new string('a', ImageName.MaxBytes));
        var token = await _app.GetRequiredService<DeleteTokens>().IssueAsync(name, CancellationToken.None);

        var response = await DeleteAsync(name.Value, bearer: token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync(new string('a', ImageName.MaxBytes + 1), bearer: token)).StatusCode);
    }

    [Theory]
    [InlineData("..%2Fappsettings.json")]
    [InlineData("a%5Cb.jpg")]
    public async Task A_name_that_could_escape_the_layout_is_400(string path)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await DeleteAsync(path, bearer: "x")).StatusCode);
    }

    [Fact]
    public async Task The_upload_answer_carries_the_token_and_swagger_documents_both_credentials()
    {
        var upload = await _uploader.RequestUploadAsync();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", upload["deleteToken"]!.GetValue<string>());

        var document = (await _client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var operation = document["paths"]!["/uploads/{name}"]!["delete"]!;
        Assert.Equal(["deleteToken", "apiKey"], operation["security"]!.AsArray().Select(r => r!.AsObject().Single().Key));
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["deleteToken"]!["scheme"]!.GetValue<string>());
        Assert.Equal("X-Api-Key", document["components"]!["securitySchemes"]!["apiKey"]!["name"]!.GetValue<string>());
    }

    private async Task<(string Name, string Token)> UploadReadyAsync()
    {
        var upload = await _uploader.RequestUploadAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await _uploader.SendFormAsync(upload, Corpus.Read("photo_cups_2560x1600_gps.jpg"))).StatusCode);
        var name = upload["name"]!.GetValue<string>();
        Assert.Equal("ready", (await _client.WaitForProcessingAsync(name))["status"]!.GetValue<string>());
        return (name, upload["deleteToken"]!.GetValue<string>());
    }

    private async Task<string> StatusAsync(string name) =>
        (await _client.GetFromJsonAsync<JsonObject>($"/uploads/{name}"))!["status"]!.GetValue<string>();

    private Task<HttpResponseMessage> DeleteAsync(string name, string? bearer = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Delete, $"/uploads/{name}");
        if (bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {bearer}");
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return _client.SendAsync(request);
    }

    private string[] DerivedFiles(string name) =>
        Directory.GetFiles(Path.Combine(_app.LocalRoot, "thumbnails"), name + ".*");
}
