using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Storage;

/// <summary>Whatever arrives at the embedded store's upload URL, a malformed form is a 400 problem and leaves nothing behind.</summary>
public sealed class MalformedFormTests : IAsyncLifetime
{
    private const string Boundary = "----thumbapi-test-boundary";
    private readonly ThumbApiApplication _app = new();
    private HttpClient _client = null!;
    private JsonObject _upload = null!;

    public async Task InitializeAsync()
    {
        _client = _app.CreateApiClient();
        _upload = await _client.RequestUploadAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Url => _upload["upload"]!["url"]!.GetValue<string>();

    private async Task<HttpResponseMessage> PostRawAsync(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        return await _client.PostAsync(Url, content);
    }

    private static string Part(string name, string value, string? fileName = null) =>
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{(fileName is null ? "" : $"; filename=\"{fileName}\"")}\r\n\r\n{value}\r\n";

    private string Fields() => string.Concat(UploadClient.Fields(_upload).Select(f => Part(f.Key, f.Value)));

    private async Task AssertRefusedAsync(HttpResponseMessage response, string title, string detailPart)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadProblemAsync();
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        Assert.Contains(detailPart, problem["detail"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(_app.LocalRoot, UploadClient.Fields(_upload)["key"])));
        var staging = Path.Combine(_app.LocalRoot, ".staging");
        Assert.True(!Directory.Exists(staging) || Directory.GetFiles(staging).Length == 0, "a staging file was left behind");
    }

    [Fact]
    public async Task Bytes_that_are_not_multipart_are_a_400()
    {
        var response = await PostRawAsync(Encoding.ASCII.GetBytes("this is not a multipart body at all\r\n\r\n"));

        await AssertRefusedAsync(response, "Malformed form", "could not be read");
    }

    [Fact]
    public async Task A_body_cut_in_the_middle_of_the_file_is_a_400_and_stores_nothing()
    {
        var body = Fields() + $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n" + new string('x', 100_000);

        var response = await PostRawAsync(Encoding.ASCII.GetBytes(body));

        await AssertRefusedAsync(response, "Malformed form", "could not be read");
    }

    [Fact]
    public async Task A_part_header_over_16_KiB_is_a_400()
    {
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\nX-Padding: {new string('a', 17 * 1024)}\r\n\r\nvalue\r\n--{Boundary}--\r\n";

        var response = await PostRawAsync(Encoding.ASCII.GetBytes(body));

        await AssertRefusedAsync(response, "Malformed form", "could not be read");
    }

    [Fact]
    public async Task More_than_16_headers_in_one_part_is_a_400()
    {
        var headers = string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Header-{i}: {i}\r\n"));
        var body = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n{headers}\r\nvalue\r\n--{Boundary}--\r\n";

        var response = await PostRawAsync(Encoding.ASCII.GetBytes(body));

        await AssertRefusedAsync(response, "Malformed form", "could not be read");
    }

    [Fact]
    public async Task A_file_sent_under_another_field_name_is_named_in_the_answer()
    {
        var body = Fields() + Part("image", "JPEG bytes", fileName: "a.jpg") + $"--{Boundary}--\r\n";

        var response = await PostRawAsync(Encoding.ASCII.GetBytes(body));

        await AssertRefusedAsync(response, "Malformed form", "The file must be sent as the 'file' field, not 'image'.");
    }

    [Fact]
    public async Task A_file_before_the_policy_field_is_a_400_saying_fields_come_first()
    {
        var body = Part("file", "JPEG bytes", fileName: "a.jpg") + Fields() + $"--{Boundary}--\r\n";

        var response = await PostRawAsync(Encoding.ASCII.GetBytes(body));

        await AssertRefusedAsync(response, "No policy", "every field must come before the 'file' field");
    }
}
