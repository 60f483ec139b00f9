using System.Buffers.Binary;
using System.IO.Compression;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>
/// Black PNGs of any size, written here rather than by libvips (which caps a side at 10,000,000): all-zero rows
/// deflate to about 1/1000, so a 50,000,000×1 image is 150 KB, as an attacker would send it.
/// </summary>
internal static class ZeroPng
{
    public const byte Grey = 0, Rgb = 2, Rgba = 6;

    public static byte[] Create(int width, int height, byte colourType, byte bitDepth)
    {
        var channels = colourType switch { Grey => 1, Rgb => 3, _ => 4 };
        var rowBytes = 1 + (long)width * channels * bitDepth / 8; // a filter byte, then the samples

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        WriteChunk(png, "IHDR", header);

        using var idat = new MemoryStream();
        using (var deflate = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var left = rowBytes * height; left > 0; left -= zeros.Length)
                deflate.Write(zeros, 0, (int)Math.Min(zeros.Length, left));
        }
        WriteChunk(png, "IDAT", idat.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    public static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = new byte[4 + data.Length];
        for (var i = 0; i < 4; i++) typeAndData[i] = (byte)type[i];
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, polynomial 0xEDB88320), bit by bit: chunks here are few and small.</summary>
    public static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
