using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ThumbApi.Thumbnails.Placeholders;

/// <summary>
/// The placeholder a page shows before a thumbnail loads: the ThumbHash's preview as a PNG <c>data:</c> URI, small
/// enough to ride inside a JSON answer and an HTML attribute. A browser scales it up smoothly, which is the blur.
/// </summary>
public static class PlaceholderPng
{
    /// <summary>What the status answer may carry: a placeholder must never weigh more than the thumbnail it stands for.</summary>
    public const int MaxUriLength = 2048;

    /// <summary>A <c>data:image/png;base64,…</c> URI of the hash's preview, opaque previews without an alpha channel.</summary>
    public static string DataUri(byte[] thumbHash)
    {
        var (width, height, rgba) = ThumbHash.Decode(thumbHash);
        var uri = "data:image/png;base64," + Convert.ToBase64String(Encode(width, height, rgba));
        // 32×32 smooth pixels compress to well under the limit; a guard, not a path taken by any hash seen.
        return uri.Length <= MaxUriLength ? uri : throw new InvalidOperationException($"The placeholder is {uri.Length} characters, over {MaxUriLength}.");
    }

    /// <summary>An 8-bit PNG: RGB when every pixel is opaque, RGBA otherwise; each row filtered by "up".</summary>
    public static byte[] Encode(int width, int height, byte[] rgba)
    {
        var opaque = true;
        for (var i = 3; i < rgba.Length; i += 4) opaque &= rgba[i] == 255;
        var channels = opaque ? 3 : 4;
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        var previous = new byte[stride];
        var row = new byte[stride];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
                for (var c = 0; c < channels; c++) row[x * channels + c] = rgba[(y * width + x) * 4 + c];
            var at = y * (stride + 1);
            // Filter 2 (up): the difference from the row above, which is small in a smooth image and compresses well.
            raw[at] = 2;
            for (var i = 0; i < stride; i++) raw[at + 1 + i] = (byte)(row[i] - previous[i]);
            (previous, row) = (row, previous);
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = (byte)(opaque ? 2 : 6);
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    /// <summary>PNG's CRC-32 (ISO 3309) over a chunk's type and data.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }
}
