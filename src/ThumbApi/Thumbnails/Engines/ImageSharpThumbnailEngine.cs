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

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// SixLabors.ImageSharp 2.1: pure managed code, for deployments that cannot ship libvips. It decodes at full size
/// (no shrink-on-load), so it is slower and hungrier than libvips; see docs/performance.md for the figures and docs/limits.md for the differences.
/// </summary>
public sealed class ImageSharpThumbnailEngine : IThumbnailEngine
{
    private const int BytesPerPixelBudget = 8; // a 16-bit RGBA row is the widest thing a decoder allocates per pixel

    private readonly ThumbnailOptions _options;
    private readonly Configuration _configuration;
    private readonly Color _background;

    public ImageSharpThumbnailEngine(IOptions<ThumbnailOptions> options)
    {
        _options = options.Value;
        var (r, g, b) = _options.BackgroundRgb;
        _background = Color.FromRgb(r, g, b);
        _configuration = CreateConfiguration(_options.MaxSourcePixels);
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

    public RenderResult Render(ReadOnlyMemory<byte> source, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets)
    {
        var format = ImageFormatSniffer.Require(source.Span);
        var buffer = source.ToExactArray();
        var formatName = format.ToString().ToUpperInvariant();

        try
        {
            var frames = CheckHeader(buffer, format, formatName);
            if (!SourceCompleteness.IsWhole(buffer, format))
                throw new UnprocessableImageException($"The {formatName} image is corrupt or truncated: the file ends before the image does.");

            using var decoded = DecodeOnce(buffer, presets, out var sourceWidth, out var sourceHeight, out var geometries);
            var thumbnails = presets.Select((p, i) => RenderOne(decoded, p.Name, p.Preset, geometries[i])).ToList();
            return new RenderResult(sourceWidth, sourceHeight, frames, thumbnails);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidMemoryOperationException)
        {
            throw new UnprocessableImageException($"The {formatName} image is corrupt or truncated: {e.Message}", e);
        }
        catch (NotSupportedException e)
        {
            // ImageSharp 2.x cannot read animated WebP at all, not even its first frame.
            throw new UnprocessableImageException($"The {formatName} image uses a feature the ImageSharp engine cannot decode: {e.Message}", e);
        }
    }

    /// <summary>Refuses decompression bombs from the header alone: <c>Identify</c> reads no pixels.</summary>
    /// <returns>The number of frames.</returns>
    private int CheckHeader(byte[] buffer, ImageFormat format, string formatName)
    {
        var info = Image.Identify(_configuration, buffer, out _)
            ?? throw new UnprocessableImageException($"The {formatName} image has no readable header.");
        var frames = format == ImageFormat.Gif ? GifStructure.Read(buffer).Frames : 1;
        var pixels = (long)info.Width * info.Height * frames;
        if (pixels > _options.MaxSourcePixels)
        {
            var framesText = frames > 1 ? $" × {frames} frames" : "";
            throw new UnprocessableImageException(
                $"The {formatName} image is {info.Width}×{info.Height}{framesText} = {pixels:N0} pixels, more than the limit of {_options.MaxSourcePixels:N0}.");
        }
        return frames;
    }

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

    /// <summary>The image's size once turned upright, and whether its EXIF orientation (5–8) swaps the sides.</summary>
    private static (int Width, int Height, bool SwapsSides) Upright(Image image)
    {
        var orientation = image.Metadata.ExifProfile?.GetValue(ExifTag.Orientation)?.Value ?? 1;
        var swapsSides = orientation is >= 5 and <= 8;
        return swapsSides ? (image.Height, image.Width, true) : (image.Width, image.Height, false);
    }

    /// <summary>
    /// The one full-size decode, reduced at once to the size the largest preset needs and turned upright, so the
    /// full-size image is freed before any encoding and each preset resizes a small image.
    /// </summary>
    private Image<Rgba32> DecodeOnce(byte[] buffer, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets,
        out int sourceWidth, out int sourceHeight, out List<ThumbnailGeometry> geometries)
    {
        using var image = Image.Load<Rgba32>(_configuration, buffer);
        (sourceWidth, sourceHeight) = (image.Width, image.Height);
        var upright = Upright(image);
        geometries = presets.Select(p => ThumbnailGeometry.For(upright.Width, upright.Height, p.Preset)).ToList();
        var (width, height) = ThumbnailGeometry.Covering(geometries);
        var decoded = image.Clone(x =>
        {
            // Resize first and turn the small result upright: rotating a full-size 12 MP image first costs
            // about as much again as decoding it, and a second full-size buffer.
            if ((upright.Width, upright.Height) != (width, height))
                x.Resize(new ResizeOptions
                {
                    Size = upright.SwapsSides ? new Size(height, width) : new Size(width, height),
                    Mode = ResizeMode.Stretch,
                    Sampler = KnownResamplers.Lanczos3,
                });
            x.AutoOrient();
        });
        StripMetadata(decoded);
        return decoded;
    }

    private RenderedThumbnail RenderOne(Image<Rgba32> decoded, string name, ThumbnailPreset preset, ThumbnailGeometry geometry)
    {
        using var thumbnail = decoded.Clone(x =>
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
            if (preset.Format == ThumbnailFormat.Jpeg)
                x.BackgroundColor(_background);
        });

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
        return new RenderedThumbnail(name, preset, output.ToArray(), thumbnail.Width, thumbnail.Height);
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
