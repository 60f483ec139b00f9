using System.Buffers.Binary;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// Counts the frames of an animated GIF or WebP by walking its blocks, without decoding pixels, so that every frame
/// counts in the pixel budget (ImageSharp 2.x decodes every WebP frame and its <c>Identify</c> does not count them).
/// </summary>
public static class AnimationFrameCounter
{
    public static int Count(ReadOnlySpan<byte> data, ImageFormat format) => format switch
    {
        ImageFormat.Gif => Math.Max(1, CountGifImages(data)),
        ImageFormat.Webp => Math.Max(1, CountWebpFrames(data)),
        _ => 1,
    };

    private static int CountGifImages(ReadOnlySpan<byte> data)
    {
        const int HeaderAndScreenDescriptor = 13;
        if (data.Length < HeaderAndScreenDescriptor) return 0;
        var position = HeaderAndScreenDescriptor + ColourTableSize(data[10]);
        var images = 0;
        while (position < data.Length)
        {
            switch (data[position])
            {
                case 0x2C when position + 10 <= data.Length: // image descriptor, its colour table, LZW code size, data
                    images++;
                    position = SkipSubBlocks(data, position + 10 + ColourTableSize(data[position + 9]) + 1);
                    break;
                case 0x21: // extension: label, then sub-blocks
                    position = SkipSubBlocks(data, position + 2);
                    break;
                default: // trailer, or the end of what can be read
                    return images;
            }
        }
        return images;
    }

    private static int ColourTableSize(byte packedFields) => (packedFields & 0x80) == 0 ? 0 : 3 << ((packedFields & 0x07) + 1);

    private static int SkipSubBlocks(ReadOnlySpan<byte> data, int position)
    {
        while (position < data.Length && data[position] != 0)
            position += data[position] + 1;
        return position + 1;
    }

    private static int CountWebpFrames(ReadOnlySpan<byte> data)
    {
        const int RiffHeader = 12;
        var frames = 0;
        long position = RiffHeader;
        while (position + 8 <= data.Length)
        {
            var chunk = data.Slice((int)position, 8);
            if (chunk[..4].SequenceEqual("ANMF"u8)) frames++;
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            position += 8 + size + (size & 1); // chunks are padded to an even size
        }
        return frames;
    }
}
