using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ThumbApi.Tests.Infrastructure;

/// <summary>What a client of the API does: ask for an upload, send the form, wait for the thumbnail.</summary>
public static class UploadClient
{
    public static async Task<JsonObject> RequestUploadAsync(this HttpClient client, string fileName = "photo.jpg", string contentType = "image/jpeg")
    {
        var response = await client.PostAsJsonAsync("/uploads", new { fileName, contentType });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The form exactly as a browser sends it: every field, in order, then the file.</summary>
    public static MultipartFormDataContent Form(IEnumerable<KeyValuePair<string, string>> fields, byte[] file, string fileField = "file")
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields) form.Add(new StringContent(value), name);
        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
        form.Add(fileContent, fileField, "upload.bin");
        return form;
    }

    public static Dictionary<string, string> Fields(JsonObject upload) =>
        upload["upload"]!["fields"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());

    public static async Task<HttpResponseMessage> SendFormAsync(this HttpClient client, JsonObject upload, byte[] file, IDictionary<string, string>? fields = null)
    {
        var url = upload["upload"]!["url"]!.GetValue<string>();
        return await client.PostAsync(url, Form(fields ?? Fields(upload), file));
    }

    public static async Task<string> UploadAsync(this HttpClient client, byte[] file, string contentType = "image/jpeg")
    {
        var upload = await client.RequestUploadAsync(contentType: contentType);
        var sent = await client.SendFormAsync(upload, file);
        Assert.Equal(HttpStatusCode.NoContent, sent.StatusCode);
        return upload["name"]!.GetValue<string>();
    }

    /// <summary>Polls the status until it is no longer pending (bounded, so a lost event fails the test).</summary>
    public static Task<JsonObject> WaitForProcessingAsync(this HttpClient client, string name) =>
        Eventually.WaitForAsync($"'{name}' to leave the pending status", TimeSpan.FromSeconds(30), async () =>
        {
            var status = (await client.GetFromJsonAsync<JsonObject>($"/uploads/{name}"))!;
            return status["status"]!.GetValue<string>() == "pending" ? null : status;
        });

    public static async Task<JsonObject> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
