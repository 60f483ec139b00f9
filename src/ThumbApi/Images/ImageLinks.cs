namespace ThumbApi.Images;

/// <summary>The API's own URLs of an image, as clients see them.</summary>
public static class ImageLinks
{
    public static string Status(ImageName name) => $"/uploads/{Escape(name)}";

    public static string Thumbnail(ImageName name) => $"/thumbnails/{Escape(name)}";

    public static string Thumbnail(ImageName name, string preset) => $"{Thumbnail(name)}?size={Uri.EscapeDataString(preset)}";

    /// <summary>Preset → lookup URL of that preset's thumbnail, as the status answers list them.</summary>
    public static Dictionary<string, string> Thumbnails(ImageName name, IEnumerable<(string Name, ThumbnailPreset Preset)> presets) =>
        presets.ToDictionary(p => p.Name, p => Thumbnail(name, p.Name));

    private static string Escape(ImageName name) => string.Join('/', name.Value.Split('/').Select(Uri.EscapeDataString));
}
