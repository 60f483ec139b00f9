using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.Memory;
using SixLabors.ImageSharp.Metadata;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using ThumbApi.Images;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// SixLabors.ImageSharp 2.1: pure managed code, for deployments that cannot ship libvips. It decodes at full size
/// (no shrink-on-load), so it is slower and hungrier than libvips; docs/performance.md has the figures and docs/limits.md the differences.
/// </summary>
public sealed class ImageSharpThumbnailEngine : ThumbnailEngine<Image<Rgba32>>
{
    private const int BytesPerPixelBudget = 8; // a 16-bit RGBA row is the widest thing a decoder allocates per pixel

    private readonly Configuration _configuration;
    private readonly Color _background;

    public ImageSharpThumbnailEngine(IOptions<ThumbnailOptions> options) : base(options.Value)
    {
        var (r, g, b) = Options.BackgroundRgb;
        _background = Color.FromRgb(r, g, b);
        _configuration = CreateConfiguration(Options.MaxSourcePixels);
    }

    private static Configuration CreateConfiguration(long maxSourcePixels)
    {
        // Only the four supported formats: the TIFF, BMP, TGA and PBM decoders can never run (defence behind the sniffer).
        var configuration = new Configuration(
            new JpegConfigurationModule(), new PngConfigurationModule(), new GifConfigurationModule(), new WebpConfigurationModule());
        // The thumbnail is the first frame: decoding the rest of a GIF would only cost time and memory.
        configuration.ImageFormatsManager.SetDecoder(GifFormat.Instance, new GifDecoder { DecodingMode = FrameDecodingMode.First });
        // Second line of defence behind the header check: no buffer larger than an image at the pixel limit needs.
        var limitMegabytes = (int)Math.Min(int.MaxValue, maxSourcePixels * BytesPerPixelBudget / (1024 * 1024) + 1);
        configuration.MemoryAllocator = MemoryAllocator.Create(new MemoryAllocatorOptions { AllocationLimitMegabytes = limitMegabytes });
        return configuration;
    }

    /// <remarks><c>Identify</c> reads no pixels; GIF frames are counted from the file's structure.</remarks>
    protected override SourceHeader ReadHeader(byte[] source, ImageFormat format)
    {
        var info = Image.Identify(_configuration, source, out _)
            ?? throw new UnprocessableImageException($"The {format.DisplayName()} image has no readable header.");
        var frames = format == ImageFormat.Gif ? GifStructure.Read(source).Frames : 1;
        var orientation = info.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1;
        // ImageSharp 2.1 does not report a progressive JPEG; its footprint does not depend on it (it loads all of it anyway).
        var interlaced = format == ImageFormat.Png && info.Metadata.GetPngMetadata().InterlaceMethod == PngInterlaceMode.Adam7;
        return new SourceHeader(info.Width, info.Height, frames, orientation is >= 5 and <= 8, info.Metadata.IccProfile is not null,
            (info.PixelType.BitsPerPixel + 7) / 8, interlaced);
    }

    /// <remarks>
    /// ImageSharp has no shrink-on-load: it holds the whole source as RGBA (4 bytes per pixel, whatever the file's
    /// depth) and the reduced copy every preset is cut from.
    /// </remarks>
    protected override DecodeFootprint Footprint(SourceHeader header, ImageFormat format, (int Width, int Height) size) =>
        new(Shrink: 1, WholeImageBytesPerPixel: RgbaBytes, WindowRows: 0, WindowBytesPerPixel: 0, DecodedBytesPerPixel: RgbaBytes);

    private const int RgbaBytes = 4;

    /// <summary>
    /// The one full-size decode, reduced at once to the size the largest preset needs and turned upright, so the
    /// full-size image is freed before any encoding and each preset resizes a small image.
    /// </summary>
    protected override Image<Rgba32> Decode(byte[] source, ImageFormat format, SourceHeader header, (int Width, int Height) size)
    {
        // ImageSharp decodes a cut file into a partly grey picture without an error: refuse it from its structure.
        if (!SourceCompleteness.IsWhole(source, format))
            throw new UnprocessableImageException($"The {format.DisplayName()} image is corrupt or truncated: the file ends before the image does.");
        if (format == ImageFormat.Png && header.Interlaced && !PngInterlace.HoldsEveryPass(source))
            throw new UnprocessableImageException("The PNG image is corrupt or truncated: its interlaced data ends before its last row.");

        using var image = Image.Load<Rgba32>(_configuration, source);
        var decoded = image.Clone(x =>
        {
            // Resize first and turn the small result upright: rotating a full-size 12 MP image first costs
            // about as much again as decoding it, and a second full-size buffer.
            if ((header.UprightWidth, header.UprightHeight) != size)
                x.Resize(new ResizeOptions
                {
                    Size = header.SwapsSides ? new Size(size.Height, size.Width) : new Size(size.Width, size.Height),
                    Mode = ResizeMode.Stretch,
                    Sampler = KnownResamplers.Lanczos3,
                });
            x.AutoOrient();
        });
        StripMetadata(decoded);
        return decoded;
    }

    /// <exception cref="InvalidOperationException">
    /// A salient crop, which start-up refuses with this engine (AttentionNeedsNetVips): a configuration error, never
    /// the image's fault, so it must not become a failure record.
    /// </exception>
    protected override Image<Rgba32> Resize(Image<Rgba32> decoded, ThumbnailGeometry geometry) => geometry.Salient
        ? throw new InvalidOperationException("Fit 'Attention' needs the NetVips engine.")
        : decoded.Clone(x =>
    {
        if ((decoded.Width, decoded.Height) != (geometry.ResizedWidth, geometry.ResizedHeight))
            x.Resize(new ResizeOptions
            {
                Size = new Size(geometry.ResizedWidth, geometry.ResizedHeight),
                Mode = ResizeMode.Stretch,
                Sampler = KnownResamplers.Lanczos3,
            });
        if (geometry.Width != geometry.ResizedWidth || geometry.Height != geometry.ResizedHeight)
        {
            var left = (geometry.ResizedWidth - geometry.Width) / 2;
            var top = (geometry.ResizedHeight - geometry.Height) / 2;
            x.Crop(new Rectangle(left, top, geometry.Width, geometry.Height));
        }
    });

    protected override (int Width, int Height) Size(Image<Rgba32> image) => (image.Width, image.Height);

    protected override byte[] Rgba(Image<Rgba32> image)
    {
        var pixels = new byte[image.Width * image.Height * 4];
        image.CopyPixelDataTo(pixels);
        return pixels;
    }

    protected override byte[] Encode(Image<Rgba32> thumbnail, ThumbnailPreset preset)
    {
        if (preset.Format == ThumbnailFormat.Jpeg)
            thumbnail.Mutate(x => x.BackgroundColor(_background));

        using var output = new MemoryStream();
        IImageEncoder encoder = preset.Format switch
        {
            ThumbnailFormat.Png => new PngEncoder
            {
                IgnoreMetadata = true,
                BitDepth = PngBitDepth.Bit8,
                ColorType = HasTransparency(thumbnail) ? PngColorType.RgbWithAlpha : PngColorType.Rgb,
                CompressionLevel = PngCompressionLevel.Level6,
            },
            ThumbnailFormat.Jpeg => new JpegEncoder { Quality = preset.Quality, ColorType = JpegColorType.YCbCrRatio420 },
            _ => new WebpEncoder { Quality = preset.Quality, FileFormat = WebpFileFormatType.Lossy, Method = (WebpEncodingMethod)preset.Effort },
        };
        thumbnail.Save(output, encoder);
        return output.ToArray();
    }

    protected override string? Explain(Exception exception, ImageFormat format) => exception switch
    {
        ImageFormatException or InvalidMemoryOperationException => $"The {format.DisplayName()} image is corrupt or truncated: {exception.Message}",
        // A decoder's argument check on values it read from a damaged file (ImageSharp 2.1's PNG Identify on a cut chunk).
        ArgumentException when ThrownByImageSharp(exception)
            => $"The {format.DisplayName()} image is corrupt or truncated: {exception.Message}",
        // ImageSharp 2.x cannot read animated WebP at all, not even its first frame.
        NotSupportedException => $"The {format.DisplayName()} image uses a feature the ImageSharp engine cannot decode: {exception.Message}",
        _ => null,
    };

    /// <summary>The innermost frame outside the runtime's own code (a span's bounds check) is ImageSharp's.</summary>
    private static bool ThrownByImageSharp(Exception exception) =>
        new System.Diagnostics.StackTrace(exception, fNeedFileInfo: false).GetFrames()
            .Select(frame => frame.GetMethod()?.DeclaringType?.Namespace ?? "")
            .FirstOrDefault(space => !space.StartsWith("System", StringComparison.Ordinal))
            ?.StartsWith("SixLabors.", StringComparison.Ordinal) == true;

    /// <summary>Encoders write whatever profiles the image carries: once it is upright, none may reach a thumbnail.</summary>
    private static void StripMetadata(Image image)
    {
        Strip(image.Metadata);
        foreach (var frame in image.Frames)
        {
            frame.Metadata.ExifProfile = null;
            frame.Metadata.XmpProfile = null;
            frame.Metadata.IccProfile = null;
            frame.Metadata.IptcProfile = null;
        }

        static void Strip(ImageMetadata metadata)
        {
            metadata.ExifProfile = null;
            metadata.XmpProfile = null;
            metadata.IccProfile = null;
            metadata.IptcProfile = null;
            metadata.GetPngMetadata().TextData.Clear();
            metadata.GetGifMetadata().Comments.Clear();
        }
    }

    /// <summary>The source's pixel type does not say whether any pixel is see-through; the small thumbnail does, cheaply.</summary>
    private static bool HasTransparency(Image<Rgba32> thumbnail)
    {
        var found = false;
        thumbnail.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height && !found; y++)
                foreach (ref var pixel in rows.GetRowSpan(y))
                    if (pixel.A != byte.MaxValue) { found = true; break; }
        });
        return found;
    }
}
