using System.Text;

namespace ThumbApi.Thumbnails.Engines;

public enum ImageFormat { Jpeg, Png, Gif, Webp }

/// <summary>Tells the format from the leading bytes; the file name and declared type are never trusted.</summary>
public static class ImageFormatSniffer
{
    public static ImageFormat? Detect(ReadOnlySpan<byte> data) => data switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ImageFormat.Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => ImageFormat.Png,
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'7' or (byte)'9', (byte)'a', ..] => ImageFormat.Gif,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => ImageFormat.Webp,
        _ => null,
    };

    /// <exception cref="UnprocessableImageException">The bytes are none of the supported formats.</exception>
    public static ImageFormat Require(ReadOnlySpan<byte> data) => Detect(data) ?? throw new UnprocessableImageException(Refusal(data));

    /// <summary>The format as reasons name it: <c>JPEG</c>, <c>PNG</c>…</summary>
    public static string DisplayName(this ImageFormat format) => format.ToString().ToUpperInvariant();

    /// <summary>The reason given for bytes that are none of the supported formats.</summary>
    public static string Refusal(ReadOnlySpan<byte> data)
    {
        var what = data switch
        {
            [] => "The file is empty",
            [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => "The file is a TIFF image, which is not supported",
            [(byte)'B', (byte)'M', ..] => "The file is a BMP image, which is not supported",
            [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', ..] => "The file is an HEIF/AVIF image, which is not supported",
            _ when LooksLikeMarkup(data) => "The file is text or markup (HTML, SVG or XML), not an image",
            _ => "The file is not an image in a supported format",
        };
        return $"{what}; supported formats are JPEG, PNG, GIF and WebP.";
    }

    private static bool LooksLikeMarkup(ReadOnlySpan<byte> data)
    {
        var head = Encoding.UTF8.GetString(data[..Math.Min(data.Length, 512)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return head.StartsWith('<');
    }
}
