using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace ThumbApi.Uploads;

/// <summary>
/// What the OpenAPI document (and so Swagger UI's "Try it out") says about <c>POST /uploads</c>: an example request
/// that succeeds as it is sent, and the second step, sending the form, which no OpenAPI operation can perform.
/// </summary>
public static class UploadApiDocumentation
{
    public const string Description = """
        Returns a short-lived upload form (an S3 browser POST) for one image; the image itself never comes this way.

        **Then send the form**: a `multipart/form-data` POST to `upload.url`, with every entry of `upload.fields` in
        the order given, then the file as the field named `upload.fileField` (`file`). With the embedded store
        (`Storage:Provider=Local`, the default) `upload.url` is this server's `POST /storage/upload`; with S3 it is the
        bucket. Either answers `204` when the file is stored, and refuses a file of another type or over
        `upload.maxBytes`, or a form older than `upload.expiresAt`. With curl, from the answer saved as `upload.json`:

            curl -f $(jq -r '.upload.fields | to_entries[] | "--form-string \(.key)=\(.value)"' upload.json) \
                 -F file=@cat.jpg "$(jq -r .upload.url upload.json)"

        Then follow `status` (`GET /uploads/{name}`) until it is `ready` (or `failed`, with the reason), and fetch
        `thumbnail` (`GET /thumbnails/{name}?size=small`). Keep `deleteToken`: `DELETE /uploads/{name}` with
        `Authorization: Bearer <deleteToken>` removes the image and everything made from it.
        """;

    /// <summary>A request the default configuration accepts: an allowed type, a size under the limit.</summary>
    public static JsonObject ExampleRequest() => new()
    {
        ["fileName"] = "cat.jpg",
        ["contentType"] = "image/jpeg",
        ["contentLength"] = 123456,
    };

    /// <summary>Sets <see cref="Description"/> and puts <see cref="ExampleRequest"/> on the JSON request body.</summary>
    public static RouteHandlerBuilder WithUploadDocumentation(this RouteHandlerBuilder builder) =>
        builder.WithDescription(Description).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json))
                json.Example = ExampleRequest();
            if (operation.Responses?.TryGetValue("201", out var created) == true)
                created.Description = "The image's name, the upload form to send next (see above), where to follow it, and the token that deletes it.";
            return Task.CompletedTask;
        });
}
