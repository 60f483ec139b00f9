using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Security;
using ThumbApi.Storage;
using ThumbApi.Thumbnails;

namespace ThumbApi.Uploads;

public static class UploadEndpoints
{
    public static RouteGroupBuilder MapUploads(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/uploads").WithTags("Uploads");
        group.MapPost("/", CreateUpload)
            .AddEndpointFilter<ApiKeyFilter>()
            .RequireRateLimiting(SecurityServices.UploadsRateLimit)
            // The request is a few hundred bytes of JSON; the image never comes this way.
            .WithMetadata(new RequestSizeLimitAttribute(16 * 1024))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName(nameof(CreateUpload))
            .WithSummary("Ask for an upload")
            .WithUploadDocumentation();
        group.MapGet("/{**name}", GetUploadStatus)
            .WithName(nameof(GetUploadStatus))
            .WithSummary("Status of one image")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("`pending` until every preset's thumbnail is written, then `ready`; `failed` with a reason when the file can never be thumbnailed.");
        return group;
    }

    public static async Task<Results<Created<CreateUploadResponse>, ValidationProblem>> CreateUpload(
        CreateUploadRequest request,
        IStoragePresigner presigner,
        IOptions<UploadOptions> options,
        TimeProvider time,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var errors = CreateUploadValidator.Validate(request, settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var contentType = settings.AllowedContentTypes.First(t => t.Equals(request.ContentType, StringComparison.OrdinalIgnoreCase));
        // Whole seconds, so that the expiry the client sees is exactly the one the policy pins.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var name = ImageNames.New(contentType, time.GetUtcNow());
        var expiresAt = now.Add(settings.UrlLifetime);
        var upload = await presigner.PresignUploadAsync(
            new UploadConditions(BucketLayout.ImageKey(name), contentType, settings.MaxBytes, expiresAt), cancellationToken);

        var form = new UploadForm("POST", http.ToAbsolute(upload.Url), upload.Fields, "file", settings.MaxBytes, expiresAt.UtcDateTime);
        var statusUrl = ApiPaths.Upload(name);
        return TypedResults.Created(statusUrl, new CreateUploadResponse(name, form, statusUrl, ApiPaths.Thumbnail(name)));
    }

    public static async Task<Results<Ok<ImageStatusResponse>, ProblemHttpResult>> GetUploadStatus(
        string name,
        ImageStatusReader statuses,
        IOptions<ThumbnailOptions> thumbnails,
        CancellationToken cancellationToken)
    {
        name = ApiPaths.DecodeName(name);
        if (BucketLayout.ValidateName(name) is { } invalid)
            return TypedResults.Problem(title: "Invalid image name", detail: invalid, statusCode: StatusCodes.Status400BadRequest);

        var status = await statuses.GetImageStatusAsync(name, cancellationToken);
        if (status.State == ImageState.Unknown)
            return TypedResults.Problem(title: "Image not found", detail: $"No image is named '{name}'.", statusCode: StatusCodes.Status404NotFound);

        var links = ApiPaths.ThumbnailLinks(name, thumbnails.Value.PresetList);
        return TypedResults.Ok(new ImageStatusResponse(name, status.State.ToString().ToLowerInvariant(), status.Reason, links));
    }
}
