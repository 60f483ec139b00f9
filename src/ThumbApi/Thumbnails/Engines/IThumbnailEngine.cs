using ThumbApi.Images;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>Turns the bytes of an original into every preset's thumbnail: oriented, sRGB, without metadata.</summary>
public interface IThumbnailEngine
{
    /// <summary>Decodes the original once and derives every preset from that one decode.</summary>
    /// <exception cref="UnprocessableImageException">
    /// The bytes are not a supported image, are corrupt, or exceed a limit: a permanent failure.
    /// </exception>
    RenderResult Render(ReadOnlyMemory<byte> source, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets);
}

public sealed record RenderedThumbnail(string Preset, ThumbnailPreset Settings, byte[] Content, int Width, int Height);

/// <summary>
/// The thumbnails, what a page needs before they load, and the size of the original as stored (before EXIF
/// orientation), for the job's log line.
/// </summary>
public sealed record RenderResult(int SourceWidth, int SourceHeight, int Frames, IReadOnlyList<RenderedThumbnail> Thumbnails, ImageDetails Details)
{
    public long SourcePixels => (long)SourceWidth * SourceHeight * Frames;
}

/// <summary>The image can never be thumbnailed; <see cref="Exception.Message"/> says why, for a person.</summary>
public sealed class UnprocessableImageException(string reason, Exception? inner = null) : Exception(reason, inner);
