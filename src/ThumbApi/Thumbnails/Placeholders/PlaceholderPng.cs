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

    /// <summary>
    /// A <c>data:image/png;base64,…</c> URI of the hash's preview at the image's own aspect ratio (the hash records
    /// only an approximate one), without an alpha channel when it is opaque: 32 pixels on its longest side, or fewer
    /// when the busiest hashes would not fit in <see cref="MaxUriLength"/> (ThumbHash keeps no finer detail anyway).
    /// </summary>
    public static string DataUri(byte[] thumbHash, int imageWidth, int imageHeight)
    {
        foreach (var longest in (int[])[32, 24, 16, 12])
        {
            var uri = DataUri(thumbHash, imageWidth, imageHeight, longest);
            if (uri.Length <= MaxUriLength) return uri;
        }
        // 8×8 RGBA is 256 bytes before compression: it always fits.
        return DataUri(thumbHash, imageWidth, imageHeight, 8);
    }

    private static string DataUri(byte[] thumbHash, int imageWidth, int imageHeight, int longest)
    {
        var scale = (double)longest / Math.Max(imageWidth, imageHeight);
        var width = Math.Max(1, (int)Math.Round(imageWidth * scale, MidpointRounding.AwayFromZero));
        var height = Math.Max(1, (int)Math.Round(imageHeight * scale, MidpointRounding.AwayFromZero));
        return "data:image/png;base64," + Convert.ToBase64String(Encode(width, height, ThumbHash.Decode(thumbHash, width, height)));
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
