namespace ThumbApi.Thumbnails.Engines;

/// <summary>Turns the bytes of an original into every preset's thumbnail: oriented, sRGB, without metadata.</summary>
public interface IThumbnailEngine
{
    /// <exception cref="UnprocessableImageException">
    /// The bytes are not a supported image, are corrupt, or exceed a limit: a permanent failure.
    /// </exception>
    IReadOnlyList<RenderedThumbnail> Render(ReadOnlyMemory<byte> source, IReadOnlyList<(string Name, ThumbnailPreset Preset)> presets);
}

public sealed record RenderedThumbnail(string Preset, ThumbnailPreset Settings, byte[] Content, int Width, int Height);

/// <summary>The image can never be thumbnailed; <see cref="Exception.Message"/> says why, for a person.</summary>
public sealed class UnprocessableImageException(string reason, Exception? inner = null) : Exception(reason, inner);
