namespace ThumbApi.Hosting;

/// <summary>The API's own URLs, as clients see them.</summary>
public static class ApiPaths
{
    public static string Upload(string name) => $"/uploads/{Escape(name)}";

    public static string Thumbnail(string name) => $"/thumbnails/{Escape(name)}";

    public static string Thumbnail(string name, string preset) => $"{Thumbnail(name)}?size={Uri.EscapeDataString(preset)}";

    /// <summary>Preset → lookup URL of that preset's thumbnail, as the status answers list them.</summary>
    public static Dictionary<string, string> ThumbnailLinks(string name, IEnumerable<(string Name, ThumbApi.Thumbnails.ThumbnailPreset Preset)> presets) =>
        presets.ToDictionary(p => p.Name, p => Thumbnail(name, p.Name));

    /// <summary>
    /// A catch-all route value arrives percent-decoded except for <c>%2F</c>, which the server leaves encoded so
    /// that it cannot split a path segment; in an image name both spellings of <c>/</c> mean the same.
    /// </summary>
    public static string DecodeName(string routeValue) => routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Resolves a URL that may be relative to this API's origin (the embedded store's are).</summary>
    public static Uri ToAbsolute(this HttpRequest request, Uri url) =>
        url.IsAbsoluteUri ? url : new Uri(new Uri($"{request.Scheme}://{request.Host}"), url);

    private static string Escape(string name) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
}
