namespace ThumbApi.Hosting;

public static class RequestUrls
{
    /// <summary>Resolves a URL that may be relative to this API's origin (the embedded store's are).</summary>
    public static Uri ToAbsolute(this HttpRequest request, Uri url) =>
        url.IsAbsoluteUri ? url : new Uri(new Uri($"{request.Scheme}://{request.Host}"), url);
}
