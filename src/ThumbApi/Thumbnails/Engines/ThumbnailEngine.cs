using ThumbApi.Images;
using ThumbApi.Thumbnails.Placeholders;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// The render pipeline both engines share: tell the format from the bytes, read the header, refuse what is over the
/// pixel limit before any decoding, size every preset, refuse a decode over the memory budget, decode once at the
/// size the largest preset needs, and derive each preset, and what a page shows before them, from that one decode.
/// An engine supplies only the codec: its steps below.
/// </summary>
public abstract class ThumbnailEngine<TImage>(ThumbnailOptions options) : IThumbnailEngine where TImage : IDisposable
{
    private readonly DecodeBudget _budget = DecodeBudget.From(options);

    protected ThumbnailOptions Options { get; } = options;

    public RenderResult Render(ReadOnlyMemory<byte> source, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets)
    {
        var format = ImageFormatSniffer.Require(source.Span);
        var buffer = source.ToExactArray();
        try
        {
            var header = ReadHeader(buffer, format);
            RefuseWithoutPixels(header, format);
            RefuseOverPixelLimit(header, format);
            var geometries = presets.Select(p => ThumbnailGeometry.For(header.UprightWidth, header.UprightHeight, p.Preset)).ToList();
            var covering = ThumbnailGeometry.Covering(geometries);
            if (_budget.Refusal(header, format, covering, Footprint(header, format, covering)) is { } refusal)
                throw new UnprocessableImageException(refusal);
            using var decoded = Decode(buffer, format, header, covering);
            var thumbnails = presets.Select((p, i) => RenderOne(decoded, p.Name, p.Preset, geometries[i])).ToList();
            return new RenderResult(header.Width, header.Height, header.Frames, thumbnails, Describe(decoded, header));
        }
        catch (Exception e) when (Explain(e, format) is { } reason)
        {
            throw new UnprocessableImageException(reason, e);
        }
    }

    /// <summary>Reads what the pipeline needs from the header alone: no pixel is decoded.</summary>
    protected abstract SourceHeader ReadHeader(byte[] source, ImageFormat format);

    /// <summary>What <see cref="Decode"/> would hold for <paramref name="size"/>, in this codec's terms, before it runs.</summary>
    protected abstract DecodeFootprint Footprint(SourceHeader header, ImageFormat format, (int Width, int Height) size);

    /// <summary>The one decode: upright, in sRGB, without metadata, at exactly <paramref name="size"/> (upright sides).</summary>
    protected abstract TImage Decode(byte[] source, ImageFormat format, SourceHeader header, (int Width, int Height) size);

    /// <summary>The pixels of a small image as 8-bit sRGB RGBA, row by row, not premultiplied.</summary>
    protected abstract byte[] Rgba(TImage image);

    /// <summary>A new image: <paramref name="decoded"/> resized and cropped as <paramref name="geometry"/> says.</summary>
    protected abstract TImage Resize(TImage decoded, ThumbnailGeometry geometry);

    protected abstract byte[] Encode(TImage thumbnail, ThumbnailPreset preset);

    /// <summary>The reason, for a person, when <paramref name="exception"/> is the codec refusing the image; <c>null</c> for anything else.</summary>
    protected abstract string? Explain(Exception exception, ImageFormat format);

    /// <summary>A header that claims no pixels (a side of 0) would reach the decoders as an invalid argument.</summary>
    private static void RefuseWithoutPixels(SourceHeader header, ImageFormat format)
    {
        if (header.Width > 0 && header.Height > 0 && header.Frames > 0) return;
        throw new UnprocessableImageException($"The {format.DisplayName()} image is corrupt: its header says it is {header.Width}×{header.Height}, which has no pixels.");
    }

    /// <summary>Decompression bombs are refused from the header: width × height × frames against <c>Thumbnails:MaxSourcePixels</c>.</summary>
    private void RefuseOverPixelLimit(SourceHeader header, ImageFormat format)
    {
        if (header.Pixels <= Options.MaxSourcePixels) return;
        var frames = header.Frames > 1 ? $" × {header.Frames} frames" : "";
        throw new UnprocessableImageException(
            $"The {format.DisplayName()} image is {header.Width}×{header.Height}{frames} = {header.Pixels:N0} pixels, more than the limit of {Options.MaxSourcePixels:N0}.");
    }

    /// <summary>
    /// The displayed size, and the ThumbHash, placeholder and dominant colour of a preview of at most 100×100 pixels
    /// taken from the decode every preset comes from: no second decode.
    /// </summary>
    private ImageDetails Describe(TImage decoded, SourceHeader header)
    {
        var (width, height) = Size(decoded);
        var box = new ThumbnailPreset { Width = ThumbHash.MaxSide, Height = ThumbHash.MaxSide, Fit = ThumbnailFit.Contain };
        var geometry = ThumbnailGeometry.For(width, height, box);
        using var preview = Resize(decoded, geometry);
        var rgba = Rgba(preview);
        var hash = ThumbHash.Encode(geometry.Width, geometry.Height, rgba);
        return new ImageDetails(header.UprightWidth, header.UprightHeight,
            PlaceholderPng.DataUri(hash, header.UprightWidth, header.UprightHeight), Convert.ToBase64String(hash), DominantColor.Of(rgba));
    }

    /// <summary>The sides of an image this engine made.</summary>
    protected abstract (int Width, int Height) Size(TImage image);

    private RenderedThumbnail RenderOne(TImage decoded, string name, ThumbnailPreset preset, ThumbnailGeometry geometry)
    {
        using var thumbnail = Resize(decoded, geometry);
        return new RenderedThumbnail(name, preset, Encode(thumbnail, preset), geometry.Width, geometry.Height);
    }
}
