using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ThumbApi.Hosting;
using ThumbApi.Images;
using ThumbApi.Security;
using ThumbApi.Storage;

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
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName(nameof(CreateUpload))
            .WithSummary("Ask for an upload")
            .WithUploadDocumentation();
        return group;
    }

    public static async Task<Results<Created<CreateUploadResponse>, ValidationProblem, ProblemHttpResult>> CreateUpload(
        CreateUploadRequest? request,
        IStoragePresigner presigner,
        DeleteTokens deleteTokens,
        IOptions<UploadOptions> options,
        IOptions<StorageOptions> storage,
        TimeProvider time,
        HttpRequest http,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (request is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = ["The request has no body; send JSON such as {\"fileName\": \"cat.jpg\", \"contentType\": \"image/jpeg\", \"contentLength\": 123456}."],
            });
        var errors = CreateUploadValidator.Validate(request, settings);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var contentType = settings.AllowedContentTypes.First(t => t.Equals(request.ContentType, StringComparison.OrdinalIgnoreCase));
        // Whole seconds, so that the expiry the client sees is exactly the one the policy pins.
        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var name = ImageName.Parse(ImageNames.New(contentType, time.GetUtcNow()));
        var expiresAt = now.Add(storage.Value.UrlLifetime);
        var upload = await presigner.PresignUploadAsync(
            new UploadConditions(name.ImageKey, contentType, settings.MaxBytes, expiresAt), cancellationToken);

        string deleteToken;
        try
        {
            deleteToken = await deleteTokens.IssueAsync(name, cancellationToken);
        }
        catch (DeleteTokenKeyUnavailableException)
        {
            // No upload without its delete token: an image nobody could delete by token must not be made.
            http.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(title: "Uploads unavailable", statusCode: StatusCodes.Status503ServiceUnavailable,
                detail: "The upload's delete token could not be made for now; try again in 5 seconds.");
        }

        var form = new UploadForm("POST", http.ToAbsolute(upload.Url), upload.Fields, "file", settings.MaxBytes, expiresAt.UtcDateTime);
        var statusUrl = ImageLinks.Status(name);
        return TypedResults.Created(statusUrl, new CreateUploadResponse(name.Value, form, statusUrl, ImageLinks.Thumbnail(name), deleteToken));
    }
}
