using System.Text.Json.Serialization;

namespace ThumbApi.Images;

[JsonConverter(typeof(JsonStringEnumConverter<ThumbnailFit>))]
public enum ThumbnailFit
{
    /// <summary>Crop to fill the box exactly, keeping the centre.</summary>
    Cover,
    /// <summary>Fit inside the box, keeping the aspect ratio.</summary>
    Contain,

    /// <summary>
    /// Crop to fill the box exactly, keeping the most salient region (libvips' <c>attention</c>: edges, skin tones,
    /// saturated colour) instead of the centre: the subject of a photo that is not in its middle. NetVips only.
    /// </summary>
    Attention,
}

[JsonConverter(typeof(JsonStringEnumConverter<ThumbnailFormat>))]
public enum ThumbnailFormat { Png, Jpeg, Webp }

/// <summary>One thumbnail size. Images are never enlarged: a source smaller than the box stays its own size.</summary>
public sealed class ThumbnailPreset
{
    public int Width { get; set; }
    public int Height { get; set; }
    public ThumbnailFit Fit { get; set; } = ThumbnailFit.Cover;
    public ThumbnailFormat Format { get; set; } = ThumbnailFormat.Png;

    /// <summary>1–100, for JPEG and WebP.</summary>
    public int Quality { get; set; } = 80;

    /// <summary>
    /// 0–6, for WebP: the encoder's CPU time against bytes at the same quality. 4 is libvips' default; 2 takes half
    /// its time for 2–8 % more bytes (docs/performance.md, "One decode, every preset").
    /// </summary>
    public int Effort { get; set; } = 4;

    public string Extension => ExtensionOf(Format);

    public static string ExtensionOf(ThumbnailFormat format) => format switch
    {
        ThumbnailFormat.Png => "png",
        ThumbnailFormat.Jpeg => "jpg",
        _ => "webp",
    };

    public string ContentType => Format switch
    {
        ThumbnailFormat.Png => "image/png",
        ThumbnailFormat.Jpeg => "image/jpeg",
        _ => "image/webp",
    };
}
