namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// Walks a GIF's blocks without decoding pixels. ImageSharp 2.x's <c>Identify</c> reports the size of one frame
/// only and its decoder paints a cut GIF without complaint, so its engine counts frames (every frame counts in the
/// pixel budget, as with libvips) and checks that the file reaches its trailer here.
/// </summary>
public static class GifStructure
{
    private const int HeaderAndScreenDescriptor = 13;
    private const byte ImageDescriptor = 0x2C;
    private const byte Extension = 0x21;
    private const byte Trailer = 0x3B;

    public static (int Frames, bool ReachesTrailer) Read(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < HeaderAndScreenDescriptor) return (1, false);
        var position = HeaderAndScreenDescriptor + ColourTableSize(gif[10]);
        var images = 0;
        while (position < gif.Length)
        {
            switch (gif[position])
            {
                case ImageDescriptor when position + 10 <= gif.Length: // descriptor, local colour table, LZW code size, data
                    images++;
                    position = SkipSubBlocks(gif, position + 10 + ColourTableSize(gif[position + 9]) + 1);
                    break;
                case Extension: // label, then sub-blocks
                    position = SkipSubBlocks(gif, position + 2);
                    break;
                default:
                    return (Math.Max(1, images), gif[position] == Trailer);
            }
        }
        return (Math.Max(1, images), false);
    }

    private static int ColourTableSize(byte packedFields) => (packedFields & 0x80) == 0 ? 0 : 3 << ((packedFields & 0x07) + 1);

    /// <summary>Past a chain of sub-blocks and its zero terminator; past the end when the chain is cut.</summary>
    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int position)
    {
        while (position < gif.Length && gif[position] != 0)
            position += gif[position] + 1;
        return position < gif.Length ? position + 1 : int.MaxValue;
    }
}
