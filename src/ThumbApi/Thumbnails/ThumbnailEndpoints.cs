using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Storage;
using ThumbApi.Uploads;

namespace ThumbApi.Thumbnails;

public static class ThumbnailEndpoints
{
    public static RouteGroupBuilder MapThumbnails(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/thumbnails").WithTags("Thumbnails");
        group.MapGet("/{**name}", GetThumbnail)
            .WithName(nameof(GetThumbnail))
            .WithSummary("The thumbnail of an image")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("`302` to a short-lived URL when ready (usable as an `<img src>`), `202` while pending, `422` when the image can never be thumbnailed, `404` for an unknown name.");
        return group;
    }

    public static async Task<Results<RedirectHttpResult, Accepted<ImageStatusResponse>, ProblemHttpResult>> GetThumbnail(
        string name,
        string? size,
        ImageStatusReader statuses,
        IStoragePresigner presigner,
        IOptions<ThumbnailOptions> thumbnails,
        IOptions<UploadOptions> uploads,
        TimeProvider time,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        name = ApiPaths.DecodeName(name);
        if (BucketLayout.ValidateName(name) is { } invalid)
            return TypedResults.Problem(title: "Invalid image name", detail: invalid, statusCode: StatusCodes.Status400BadRequest);
        var preset = size ?? ThumbnailOptions.DefaultPreset;
        if (!thumbnails.Value.Presets.TryGetValue(preset, out var settings))
            return TypedResults.Problem(title: "Unknown size", statusCode: StatusCodes.Status400BadRequest,
                detail: $"There is no preset '{preset}'; use one of {string.Join(", ", thumbnails.Value.Presets.Keys.Order())}.");

        var status = await statuses.GetThumbnailStatusAsync(name, preset, cancellationToken);
        switch (status.State)
        {
            case ImageState.Ready:
                var lifetime = uploads.Value.UrlLifetime;
                var url = await presigner.PresignDownloadAsync(BucketLayout.ThumbnailKey(name, preset, settings.Extension),
                    time.GetUtcNow().Add(lifetime), cancellationToken);
                // A cached redirect must not outlive the URL it points to.
                context.Response.Headers.CacheControl = $"private, max-age={(int)(lifetime.TotalSeconds / 2)}";
                return TypedResults.Redirect(context.Request.ToAbsolute(url).ToString());
            case ImageState.Pending:
                context.Response.Headers.RetryAfter = "1";
                context.Response.Headers.CacheControl = "no-store";
                var links = ApiPaths.ThumbnailLinks(name, thumbnails.Value.PresetList);
                return TypedResults.Accepted(ApiPaths.Upload(name), new ImageStatusResponse(name, "pending", null, links));
            case ImageState.Failed:
                return TypedResults.Problem(title: "The image cannot be thumbnailed", detail: status.Reason,
                    statusCode: StatusCodes.Status422UnprocessableEntity);
            default:
                return TypedResults.Problem(title: "Image not found", detail: $"No image is named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }
    }
}
