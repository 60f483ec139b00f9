using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Images;

public sealed class ImageDocumentationTests
{
    [Theory]
    [InlineData("/uploads/{name}")]
    [InlineData("/thumbnails/{name}")]
    public async Task The_image_routes_document_the_name_as_a_required_path_parameter(string route)
    {
        await using var app = new ThumbApiApplication();

        var document = await app.CreateApiClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json");

        var parameters = document!["paths"]![route]!["get"]!["parameters"]!.AsArray();
        var name = Assert.Single(parameters, p => p!["name"]!.GetValue<string>() == "name")!;
        Assert.Equal("path", name["in"]!.GetValue<string>());
        Assert.True(name["required"]!.GetValue<bool>());
        Assert.Equal("string", name["schema"]!["type"]!.GetValue<string>());
    }
}
