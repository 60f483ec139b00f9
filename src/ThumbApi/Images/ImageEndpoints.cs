using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage;

namespace ThumbApi.Images;

/// <summary>The two questions about one image: where it stands (<c>/uploads/{name}</c>) and its thumbnail (<c>/thumbnails/{name}</c>).</summary>
public static class ImageEndpoints
{
    public static IEndpointRouteBuilder MapImages(this IEndpointRouteBuilder routes)
    {
        var uploads = routes.MapGroup("/uploads").WithTags("Uploads");
        // HEAD answers what GET would, without the body: a cheap existence check.
        uploads.MapMethods("/{**name}", [HttpMethods.Head], GetUploadStatus).ExcludeFromDescription();
        uploads.MapGet("/{**name}", GetUploadStatus)
            .WithImageNameParameter()
            .WithName(nameof(GetUploadStatus))
            .WithSummary("Status of one image")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("`pending` until every preset's thumbnail is written, then `ready`, with what a page needs before the thumbnails load (`width` and `height` as displayed, a `placeholder` data URI, its `thumbHash` and a `dominantColor`); `failed` with a reason when the file can never be thumbnailed.");
        uploads.MapDeleteUpload();

        routes.MapGroup("/thumbnails").WithTags("Thumbnails")
            .MapGet("/{**name}", GetThumbnail)
            .WithImageNameParameter()
            .WithName(nameof(GetThumbnail))
            .WithSummary("The thumbnail of an image")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("`302` to a short-lived URL when ready (usable as an `<img src>`), `202` with `Retry-After` while pending (including a rendition that is missing or was made under an older definition of its preset: the lookup asks for it to be made), `422` when the image can never be thumbnailed, `404` for an unknown name.");
        return routes;
    }

    public static async Task<Results<Ok<ImageStatusResponse>, ProblemHttpResult>> GetUploadStatus(
        ImageName name,
        ImageStatusReader statuses,
        RenditionHealing healing,
        IOptions<PresetOptions> presets,
        CancellationToken cancellationToken)
    {
        var status = await statuses.GetImageStatusAsync(name, cancellationToken);
        if (status.State == ImageState.Unknown) return NotFound(name);
        if (status.NeedsRefresh) await healing.RequestAsync(name, cancellationToken);

        var links = ImageLinks.Thumbnails(name, presets.Value.PresetList);
        return TypedResults.Ok(ImageStatusResponse.Of(name, status, links));
    }

    public static async Task<Results<RedirectHttpResult, Accepted<ImageStatusResponse>, ProblemHttpResult>> GetThumbnail(
        ImageName name,
        string? size,
        ImageStatusReader statuses,
        RenditionHealing healing,
        IStoragePresigner presigner,
        IOptions<PresetOptions> presets,
        IOptions<StorageOptions> storage,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var preset = size ?? PresetOptions.DefaultPreset;
        if (!presets.Value.Presets.TryGetValue(preset, out var settings))
            return TypedResults.Problem(title: "Unknown size", statusCode: StatusCodes.Status400BadRequest,
                detail: $"There is no preset '{preset}'; use one of {string.Join(", ", presets.Value.Presets.Keys.Order())}.");

        var status = await statuses.GetThumbnailStatusAsync(name, preset, cancellationToken);
        switch (status.State)
        {
            case ImageState.Ready:
                var lifetime = storage.Value.UrlLifetime;
                var url = await presigner.PresignDownloadAsync(name.ThumbnailKey(preset, settings.Extension),
                    time.GetUtcNow().Add(lifetime), cancellationToken);
                // A cached redirect must not outlive the URL it points to.
                context.Response.Headers.CacheControl = $"private, max-age={(int)(lifetime.TotalSeconds / 2)}";
                return TypedResults.Redirect(context.Request.ToAbsolute(url).ToString());
            case ImageState.Pending:
                if (status.NeedsRefresh) await healing.RequestAsync(name, cancellationToken);
                context.Response.Headers.RetryAfter = "1";
                context.Response.Headers.CacheControl = "no-store";
                var links = ImageLinks.Thumbnails(name, presets.Value.PresetList);
                return TypedResults.Accepted(ImageLinks.Status(name), new ImageStatusResponse(name.Value, "pending", null, links));
            case ImageState.Failed:
                return TypedResults.Problem(title: "The image cannot be thumbnailed", detail: status.Reason,
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            default:
                return NotFound(name);
        }
    }

    private static ProblemHttpResult NotFound(ImageName name) =>
        TypedResults.Problem(title: "Image not found", detail: $"No image is named '{name}'.", statusCode: StatusCodes.Status404NotFound);
}
