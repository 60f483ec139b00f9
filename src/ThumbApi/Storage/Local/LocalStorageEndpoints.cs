using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ThumbApi.Storage.Local;

/// <summary>The embedded store's own URLs: what S3 serves in production (upload form target, presigned GET).</summary>
public static class LocalStorageEndpoints
{
    public static IEndpointRouteBuilder MapLocalStorage(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Embedded store").ExcludeFromDescription();
        group.MapPost(LocalPresigner.UploadPath, (LocalUploadReceiver receiver, HttpRequest request, CancellationToken ct) =>
            receiver.ReceiveAsync(request, ct)).DisableAntiforgery();
        group.MapGet(LocalPresigner.ObjectsPath + "/{**key}", GetObject);
        return routes;
    }

    /// <summary>Serves an object to whoever holds an unexpired signed URL for it, like a presigned S3 GET.</summary>
    public static Results<PhysicalFileHttpResult, ProblemHttpResult> GetObject(
        string key, long? expires, string? signature, LocalObjectStore store, LocalUrlSigner signer, TimeProvider time, HttpResponse response)
    {
        if (expires is null || !signer.IsValid(LocalPresigner.DownloadStringToSign(key, expires.Value), signature))
            return TypedResults.Problem(title: "Signature does not match", detail: "The URL is not signed for this object.", statusCode: StatusCodes.Status403Forbidden);
        var remaining = DateTimeOffset.FromUnixTimeSeconds(expires.Value) - time.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
            return TypedResults.Problem(title: "Request has expired", detail: "The signed URL has expired; look the thumbnail up again.", statusCode: StatusCodes.Status403Forbidden);

        if (!store.Contains(key) || !File.Exists(store.PathOf(key)))
            return TypedResults.Problem(title: "No such key", detail: "The object does not exist.", statusCode: StatusCodes.Status404NotFound);
        var path = store.PathOf(key);
        response.Headers.CacheControl = $"private, max-age={(int)remaining.TotalSeconds}";
        return TypedResults.PhysicalFile(path, ContentTypeOf(key), enableRangeProcessing: true,
            lastModified: File.GetLastWriteTimeUtc(path), entityTag: null);
    }

    private static string ContentTypeOf(string key) => Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };
}
