using Microsoft.Extensions.Options;
using NetVips;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// libvips through NetVips: shrink-on-load decoding (a JPEG is decoded at 1/2, 1/4 or 1/8 scale when the
/// thumbnail is small) makes it several times faster and leaner than a full decode; every preset is derived from
/// one such decode, at the scale the largest preset needs.
/// </summary>
public sealed class NetVipsThumbnailEngine : IThumbnailEngine
{
    private readonly ThumbnailOptions _options;
    private readonly double[] _background;

    static NetVipsThumbnailEngine()
    {
        // Every original is seen once, so libvips' operation cache would only hold memory.
        Cache.Max = 0;
        // Only the four supported loaders may run, whatever the bytes claim to be (defence behind the sniffer).
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in new[] { "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp" })
            Operation.Block(loader, false);
    }

    public NetVipsThumbnailEngine(IOptions<ThumbnailOptions> options)
    {
        _options = options.Value;
        var (r, g, b) = _options.BackgroundRgb;
        _background = [r, g, b];
    }

    public RenderResult Render(ReadOnlyMemory<byte> source, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets)
    {
        var format = ImageFormatSniffer.Require(source.Span);
        var buffer = source.ToExactArray();

        try
        {
            var header = CheckHeader(buffer, format);
            var geometries = presets.Select(p => ThumbnailGeometry.For(header.UprightWidth, header.UprightHeight, p.Preset)).ToList();
            using var decoded = DecodeOnce(buffer, format, header, ThumbnailGeometry.Covering(geometries));
            var thumbnails = presets.Select((p, i) => RenderOne(decoded, p.Name, p.Preset, geometries[i])).ToList();
            return new RenderResult(header.Width, header.Height, header.Frames, thumbnails);
        }
        catch (VipsException e)
        {
            throw new UnprocessableImageException($"The {format.ToString().ToUpperInvariant()} image is corrupt or truncated: {Details(e.Message)}", e);
        }
    }

    private sealed record SourceHeader(int Width, int Height, int Frames, bool HasProfile, bool SwapsSides)
    {
        public int UprightWidth => SwapsSides ? Height : Width;
        public int UprightHeight => SwapsSides ? Width : Height;
    }

    /// <summary>Refuses decompression bombs from the header alone: opening an image reads no pixels.</summary>
    private SourceHeader CheckHeader(byte[] buffer, ImageFormat format)
    {
        using var header = Image.NewFromBuffer(buffer, access: Enums.Access.Sequential);
        var frames = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
        var pixels = (long)header.Width * header.Height * frames;
        if (pixels > _options.MaxSourcePixels)
        {
            var framesText = frames > 1 ? $" × {frames} frames" : "";
            throw new UnprocessableImageException(
                $"The {format.ToString().ToUpperInvariant()} image is {header.Width}×{header.Height}{framesText} = {pixels:N0} pixels, more than the limit of {_options.MaxSourcePixels:N0}.");
        }
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        return new SourceHeader(header.Width, header.Height, frames, header.Contains("icc-profile-data"), orientation is >= 5 and <= 8);
    }

    /// <summary>
    /// The one decode: shrink-on-load to the size the largest preset needs, upright and in sRGB, rendered into memory.
    /// A sequential image can feed only one output; the copy in memory (small: about a preset's size) feeds them all.
    /// </summary>
    private static Image DecodeOnce(byte[] buffer, ImageFormat format, SourceHeader header, (int Width, int Height) size)
    {
        // fail_on=warning is what makes libvips refuse a truncated JPEG instead of painting the rest grey.
        var shrink = format == ImageFormat.Jpeg ? JpegShrink(header, size) : 1;
        using var loaded = shrink > 1
            ? Image.NewFromBuffer(buffer, $"[shrink={shrink},fail_on=warning]", access: Enums.Access.Sequential)
            : null;
        // Without an output profile libvips keeps a tagged image's own colour space (Display P3, Adobe RGB…);
        // untagged images are sRGB already (CMYK is converted regardless), so they skip building a transform.
        var outputProfile = header.HasProfile ? "srgb" : null;
        // Both sides exactly as ThumbnailGeometry computed them, so every engine's presets come out the same size.
        using var thumbnail = loaded is not null
            ? loaded.ThumbnailImage(size.Width, height: size.Height, size: Enums.Size.Force, outputProfile: outputProfile)
            : Image.ThumbnailBuffer(buffer, size.Width, "[fail_on=warning]", height: size.Height, size: Enums.Size.Force, outputProfile: outputProfile);
        return thumbnail.CopyMemory();
    }

    /// <summary>
    /// The largest JPEG shrink-on-load (1/8, 1/4, 1/2) whose decode still covers <paramref name="size"/>. libvips'
    /// thumbnail would leave a factor of two for its Lanczos step (a 480-pixel preset of a 4000-pixel photo decoded at
    /// 1/4); libjpeg's scaled decode already averages each block, and 1/8 instead of 1/4 saves about a sixth of the
    /// whole job, for differences of about a level (OneDecodeTests).
    /// </summary>
    private static int JpegShrink(SourceHeader header, (int Width, int Height) size)
    {
        var (width, height) = header.SwapsSides ? (size.Height, size.Width) : size;
        foreach (var shrink in (int[])[8, 4, 2])
            if ((header.Width + shrink - 1) / shrink >= width && (header.Height + shrink - 1) / shrink >= height)
                return shrink;
        return 1;
    }

    private RenderedThumbnail RenderOne(Image decoded, string name, ThumbnailPreset preset, ThumbnailGeometry geometry)
    {
        using var image = Resized(decoded, geometry);
        using var output = ToEightBitSrgb(image, preset.Format);
        var content = preset.Format switch
        {
            ThumbnailFormat.Png => output.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
            ThumbnailFormat.Jpeg => output.JpegsaveBuffer(q: preset.Quality, optimizeCoding: true, keep: Enums.ForeignKeep.None),
            _ => output.WebpsaveBuffer(q: preset.Quality, effort: preset.Effort, keep: Enums.ForeignKeep.None),
        };
        return new RenderedThumbnail(name, preset, content, output.Width, output.Height);
    }

    private static Image Resized(Image decoded, ThumbnailGeometry geometry)
    {
        // thumbnail rather than resize: it premultiplies alpha, so transparent edges do not darken.
        var image = decoded.Width == geometry.ResizedWidth && decoded.Height == geometry.ResizedHeight
            ? decoded.Copy()
            : decoded.ThumbnailImage(geometry.ResizedWidth, height: geometry.ResizedHeight, size: Enums.Size.Force, noRotate: true);
        if (image.Width == geometry.Width && image.Height == geometry.Height) return image;
        // The centre, as libvips' crop=centre chooses it.
        var left = (image.Width - geometry.Width) / 2;
        var top = (image.Height - geometry.Height) / 2;
        return Swap(image, image.Crop(left, top, geometry.Width, geometry.Height));
    }

    private Image ToEightBitSrgb(Image image, ThumbnailFormat format)
    {
        var result = image.Interpretation switch
        {
            Enums.Interpretation.Srgb or Enums.Interpretation.Bw when image.Format == Enums.BandFormat.Uchar => image.Copy(),
            Enums.Interpretation.Bw or Enums.Interpretation.Grey16 => image.Colourspace(Enums.Interpretation.Bw),
            _ => image.Colourspace(Enums.Interpretation.Srgb),
        };
        if (result.Format != Enums.BandFormat.Uchar)
            result = Swap(result, result.Cast(Enums.BandFormat.Uchar));
        if (format == ThumbnailFormat.Jpeg && result.HasAlpha())
        {
            // Grey with alpha needs colour bands before it can sit on a coloured background.
            if (result.Bands < 4)
                result = Swap(result, result.Colourspace(Enums.Interpretation.Srgb));
            result = Swap(result, result.Flatten(background: _background));
        }
        return result;
    }

    private static Image Swap(Image old, Image replacement)
    {
        old.Dispose();
        return replacement;
    }

    /// <summary>
    /// libvips' own lines say what is wrong ("VipsJpeg: premature end of JPEG image"); NetVips' wrapper lines
    /// ("unable to call thumbnail_buffer", "unable to copy to memory") do not.
    /// </summary>
    private static string Details(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var details = lines.Where(l => !l.StartsWith("unable to ", StringComparison.Ordinal)).Distinct().ToList();
        return details.Count > 0 ? string.Join("; ", details) : lines.FirstOrDefault() ?? message;
    }
}
