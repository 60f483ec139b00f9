using System.Buffers.Binary;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// Whether a file holds all of its image: ImageSharp 2.x decodes a truncated JPEG, PNG, GIF or WebP into a partly
/// grey or black picture without an error, so its engine refuses cut files from their structure first.
/// </summary>
public static class SourceCompleteness
{
    public static bool IsWhole(ReadOnlySpan<byte> data, ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => JpegStructure.ReachesEndOfImage(data),
        ImageFormat.Png => PngReachesEnd(data),
        ImageFormat.Gif => GifStructure.Read(data).ReachesTrailer,
        _ => RiffHoldsItsDeclaredSize(data),
    };

    /// <summary>Chunk by chunk (length, type, data, CRC) to <c>IEND</c>.</summary>
    private static bool PngReachesEnd(ReadOnlySpan<byte> png)
    {
        const int Signature = 8, ChunkOverhead = 12;
        long position = Signature;
        while (position + ChunkOverhead <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[(int)position..]);
            if (png.Slice((int)position + 4, 4).SequenceEqual("IEND"u8))
                return true;
            position += ChunkOverhead + length;
        }
        return false;
    }

    /// <summary>A WebP is one RIFF chunk whose header says how long it is.</summary>
    private static bool RiffHoldsItsDeclaredSize(ReadOnlySpan<byte> riff) =>
        riff.Length >= 8 && riff.Length >= 8L + BinaryPrimitives.ReadUInt32LittleEndian(riff[4..]);
}
