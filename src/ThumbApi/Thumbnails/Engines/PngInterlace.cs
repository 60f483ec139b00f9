using System.Buffers.Binary;
using System.IO.Compression;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// Whether an interlaced (Adam7) PNG's compressed data holds every row of its seven passes. ImageSharp 2.1 never
/// returns from an interlaced PNG whose data ends early (a 29826×255 header over 11 KB of rows: no answer in 100 s),
/// so its engine counts the rows first; it reads each byte once and keeps nothing.
/// </summary>
public static class PngInterlace
{
    private static readonly (int X, int Y, int StepX, int StepY)[] Passes =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static bool HoldsEveryPass(byte[] png)
    {
        if (png.Length < 33) return false;
        var (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
        var channels = png[25] switch { 0 or 3 => 1, 2 => 3, 4 => 2, _ => 4 };
        long bitsPerPixel = png[24] * channels;
        long expected = 0;
        foreach (var (x, y, stepX, stepY) in Passes)
        {
            var passWidth = (width - x + stepX - 1) / stepX;
            var passHeight = (height - y + stepY - 1) / stepY;
            if (width > x && height > y)
                expected += passHeight * (1 + (passWidth * bitsPerPixel + 7) / 8);
        }

        using var data = new MemoryStream();
        for (var position = 8; position + 12 <= png.Length;)
        {
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position)), (uint)(png.Length - position - 12));
            if (png.AsSpan(position + 4, 4).SequenceEqual("IDAT"u8))
                data.Write(png, position + 8, length);
            position += 12 + length;
        }
        data.Position = 0;
        try
        {
            using var inflate = new ZLibStream(data, CompressionMode.Decompress);
            var buffer = new byte[64 * 1024];
            long total = 0;
            for (int read; total < expected && (read = inflate.Read(buffer)) > 0;)
                total += read;
            return total >= expected;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
