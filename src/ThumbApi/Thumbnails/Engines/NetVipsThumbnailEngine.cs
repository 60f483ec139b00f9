using Microsoft.Extensions.Options;
using NetVips;
using ThumbApi.Images;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// libvips through NetVips: shrink-on-load decoding (a JPEG is decoded at 1/2, 1/4 or 1/8 scale when the
/// thumbnail is small) makes it several times faster and leaner than a full decode.
/// </summary>
public sealed class NetVipsThumbnailEngine : ThumbnailEngine<Image>
{
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

    public NetVipsThumbnailEngine(IOptions<ThumbnailOptions> options) : base(options.Value)
    {
        var (r, g, b) = Options.BackgroundRgb;
        _background = [r, g, b];
    }

    /// <remarks>Opening an image reads its header and no pixels.</remarks>
    protected override SourceHeader ReadHeader(byte[] source, ImageFormat format)
    {
        using var header = Image.NewFromBuffer(source, access: Enums.Access.Sequential);
        var frames = header.Contains("n-pages") ? Math.Max(1, (int)header.Get("n-pages")) : 1;
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        return new SourceHeader(header.Width, header.Height, frames, orientation is >= 5 and <= 8, header.Contains("icc-profile-data"),
            header.Bands * BytesPerSample(header.Format), header.Contains("interlaced"));
    }

    private static int BytesPerSample(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 1,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 2,
        Enums.BandFormat.Double or Enums.BandFormat.Complex => 8,
        Enums.BandFormat.Dpcomplex => 16,
        _ => 4,
    };

    /// <summary>
    /// The full-width rows libvips' pipeline holds while it streams (the loader's window, the vertical shrink, the
    /// resampling kernels), each in float RGBA (16 bytes a pixel) at most. Fitted to peak RSS with the service's
    /// presets on PNGs and GIFs from 4,000 to 65,535 pixels wide (docs/limits-memory.md).
    /// </summary>
    private const int WindowRows = 512;

    private const int FloatRgbaBytes = 16;

    /// <remarks>
    /// On top of that window, libvips holds a whole image for a GIF (libnsgif's RGBA canvas and the frame it
    /// composes: measured about 32 bytes a pixel with the window for wide GIFs), a WebP (libwebp decodes the frame at
    /// once), an interlaced PNG (no row is final before the last pass) and a progressive JPEG (libjpeg keeps every
    /// DCT coefficient, two bytes each: about one byte per sample with the usual 4:2:0 chroma), at full size.
    /// </remarks>
    protected override DecodeFootprint Footprint(SourceHeader header, ImageFormat format, (int Width, int Height) size)
    {
        var (shrink, whole, window) = format switch
        {
            ImageFormat.Gif => (1, 4, 2 * FloatRgbaBytes),
            ImageFormat.Webp => (1, header.BytesPerPixel, FloatRgbaBytes),
            _ when header.Interlaced => (1, header.BytesPerPixel, FloatRgbaBytes),
            ImageFormat.Jpeg => (JpegShrink(header, size), 0, FloatRgbaBytes),
            _ => (1, 0, FloatRgbaBytes),
        };
        return new DecodeFootprint(shrink, whole, WindowRows, window, header.BytesPerPixel);
    }

    /// <remarks>
    /// Shrink-on-load, then libvips' thumbnail to the exact size, rendered into memory: a sequential image can feed
    /// only one output, and the copy in memory (small: about a preset's size) feeds them all.
    /// </remarks>
    protected override Image Decode(byte[] source, ImageFormat format, SourceHeader header, (int Width, int Height) size)
    {
        // fail_on=warning is what makes libvips refuse a truncated JPEG instead of painting the rest grey.
        var shrink = format == ImageFormat.Jpeg ? JpegShrink(header, size) : 1;
        using var loaded = shrink > 1 || (format == ImageFormat.Jpeg && !header.HasColourProfile)
            ? AsBrowsersShowIt(Image.NewFromBuffer(source, $"[shrink={shrink},fail_on=warning]", access: Enums.Access.Sequential), header)
            : null;
        // Without an output profile libvips keeps a tagged image's own colour space (Display P3, Adobe RGB…);
        // untagged images are sRGB already (CMYK is converted regardless), so they skip building a transform.
        var outputProfile = header.HasColourProfile ? "srgb" : null;
        // Both sides exactly as ThumbnailGeometry computed them, so every engine's presets come out the same size.
        using var thumbnail = loaded is not null
            ? loaded.ThumbnailImage(size.Width, height: size.Height, size: Enums.Size.Force, outputProfile: outputProfile)
            : Image.ThumbnailBuffer(source, size.Width, "[fail_on=warning]", height: size.Height, size: Enums.Size.Force, outputProfile: outputProfile);
        return thumbnail.CopyMemory();
    }

    /// <summary>
    /// A CMYK JPEG without a profile as browsers show it: Chromium's JPEG decoder (blink's JPEGImageDecoder) turns
    /// untagged CMYK into RGB naively, R = (255 − C)(255 − K)/255 and likewise G from M and B from Y, truncated.
    /// libvips would go through its fallback press profile instead, which makes it visibly duller than the browser.
    /// </summary>
    private static Image AsBrowsersShowIt(Image loaded, SourceHeader header)
    {
        if (loaded.Interpretation != Enums.Interpretation.Cmyk || header.HasColourProfile || loaded.Bands != 4) return loaded;
        using (loaded)
        using (var cmy = loaded.ExtractBand(0, n: 3))
        using (var k = loaded[3])
        using (var rgb = (255 - cmy) * (255 - k) / 255)
        using (var bytes = rgb.Cast(Enums.BandFormat.Uchar))
            return bytes.Copy(interpretation: Enums.Interpretation.Srgb);
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

    protected override Image Resize(Image decoded, ThumbnailGeometry geometry)
    {
        // thumbnail rather than resize: it premultiplies alpha, so transparent edges do not darken.
        var image = decoded.Width == geometry.ResizedWidth && decoded.Height == geometry.ResizedHeight
            ? decoded.Copy()
            : decoded.ThumbnailImage(geometry.ResizedWidth, height: geometry.ResizedHeight, size: Enums.Size.Force, noRotate: true);
        if (image.Width == geometry.Width && image.Height == geometry.Height) return image;
        if (geometry.Salient) return Swap(image, image.Smartcrop(geometry.Width, geometry.Height, interesting: Enums.Interesting.Attention));
        // The centre, as libvips' crop=centre chooses it.
        var left = (image.Width - geometry.Width) / 2;
        var top = (image.Height - geometry.Height) / 2;
        return Swap(image, image.Crop(left, top, geometry.Width, geometry.Height));
    }

    protected override (int Width, int Height) Size(Image image) => (image.Width, image.Height);

    protected override byte[] Rgba(Image image)
    {
        var rgba = ToEightBitSrgb(image, ThumbnailFormat.Png);
        // Grey (with or without alpha) gets its colour bands; an opaque image its alpha band.
        if (rgba.Bands < 3) rgba = Swap(rgba, rgba.Colourspace(Enums.Interpretation.Srgb));
        if (!rgba.HasAlpha()) rgba = Swap(rgba, rgba.Bandjoin(255));
        using (rgba) return rgba.WriteToMemory<byte>();
    }

    protected override byte[] Encode(Image thumbnail, ThumbnailPreset preset)
    {
        using var output = ToEightBitSrgb(thumbnail, preset.Format);
        return preset.Format switch
        {
            ThumbnailFormat.Png => output.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None),
            ThumbnailFormat.Jpeg => output.JpegsaveBuffer(q: preset.Quality, optimizeCoding: true, keep: Enums.ForeignKeep.None),
            _ => output.WebpsaveBuffer(q: preset.Quality, effort: preset.Effort, keep: Enums.ForeignKeep.None),
        };
    }

    protected override string? Explain(Exception exception, ImageFormat format) => exception is VipsException
        ? $"The {format.DisplayName()} image is corrupt or truncated: {Details(exception.Message)}"
        : null;

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
