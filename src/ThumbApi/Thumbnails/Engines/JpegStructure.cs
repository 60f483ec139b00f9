using System.Buffers.Binary;

namespace ThumbApi.Thumbnails.Engines;

/// <summary>
/// Walks a JPEG's markers and entropy-coded scans to its end-of-image marker. ImageSharp paints the missing part
/// of a truncated JPEG grey instead of failing, so this is how its engine tells a whole file from a cut one.
/// </summary>
public static class JpegStructure
{
    private const byte Marker = 0xFF;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    public static bool ReachesEndOfImage(ReadOnlySpan<byte> data)
    {
        var position = 2; // after SOI
        while (true)
        {
            while (position + 1 < data.Length && data[position] == Marker && data[position + 1] == Marker)
                position++; // fill bytes
            if (position + 1 >= data.Length || data[position] != Marker)
                return false;
            var marker = data[position + 1];
            position += 2;
            if (marker == EndOfImage)
                return true;
            if (IsStandalone(marker))
                continue;
            if (position + 2 > data.Length)
                return false;
            position += BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (marker == StartOfScan && !SkipEntropyCodedData(data, ref position))
                return false;
        }
    }

    private static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);

    /// <summary>Moves to the first marker after a scan's data: 0xFF00 is an escaped byte, 0xFFD0–D7 restart markers.</summary>
    private static bool SkipEntropyCodedData(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length)
        {
            var found = data[position..].IndexOf(Marker);
            if (found < 0 || position + found + 1 >= data.Length)
                return false;
            position += found;
            var next = data[position + 1];
            if (next != 0x00 && !IsStandalone(next) && next != Marker)
                return true;
            position += next == Marker ? 1 : 2;
        }
        return false;
    }
}
