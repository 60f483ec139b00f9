using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Uploads;

/// <summary>What Swagger UI offers for <c>POST /uploads</c>, taken from the OpenAPI document as a user would.</summary>
public sealed class UploadApiDocumentationTests
{
    [Fact]
    public async Task The_documented_example_succeeds_as_sent_and_the_documented_form_step_stores_a_photo()
    {
        await using var app = new ThumbApiApplication();
        var client = app.CreateApiClient();
        var (path, operation) = await CreateUploadOperationAsync(client);
        var example = operation["requestBody"]?["content"]?["application/json"]?["example"];
        Assert.NotNull(example);

        var created = await client.PostAsync(path, new StringContent(example.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // The description's second step: the form to upload.url, fields first, then the file.
        var upload = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var stored = await client.SendFormAsync(upload, Corpus.Read("photo_cups_2560x1600_gps.jpg"));
        Assert.Equal(HttpStatusCode.NoContent, stored.StatusCode);
    }

    [Fact]
    public async Task The_operation_says_where_and_how_to_send_the_form()
    {
        await using var app = new ThumbApiApplication();
        var (_, operation) = await CreateUploadOperationAsync(app.CreateApiClient());

        var description = operation["description"]!.GetValue<string>();

        Assert.Contains("`upload.url`", description);
        Assert.Contains("`upload.fields`", description);
        Assert.Contains("`upload.fileField`", description);
        Assert.Contains("POST /storage/upload", description);
        Assert.Contains("`204`", description);
    }

    private static async Task<(string Path, JsonNode Operation)> CreateUploadOperationAsync(HttpClient client)
    {
        var document = (await client.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var (path, item) = document["paths"]!.AsObject().Single(p => p.Key.TrimEnd('/') == "/uploads");
        return (path, item!["post"]!);
    }
}
