namespace ThumbApi.Thumbnails.Placeholders;

/// <summary>
/// The colour most of an image is: pixels counted in 4,096 bins (4 bits a channel), and the mean colour of the fullest
/// bin. Unlike the average, a photo of a red car on grey tarmac is grey, not a muddy brown neither of them is.
/// </summary>
public static class DominantColor
{
    /// <param name="rgba">Non-premultiplied 8-bit RGBA; pixels under half opacity are not counted.</param>
    /// <returns><c>#rrggbb</c>; an image with no opaque pixel is white, as a transparent thumbnail shows on a page.</returns>
    public static string Of(ReadOnlySpan<byte> rgba)
    {
        var counts = new int[4096];
        var sums = new long[4096 * 3];
        for (var i = 0; i < rgba.Length; i += 4)
        {
            if (rgba[i + 3] < 128) continue;
            var bin = (rgba[i] >> 4 << 8) | (rgba[i + 1] >> 4 << 4) | (rgba[i + 2] >> 4);
            counts[bin]++;
            sums[bin * 3] += rgba[i];
            sums[bin * 3 + 1] += rgba[i + 1];
            sums[bin * 3 + 2] += rgba[i + 2];
        }
        var fullest = 0;
        for (var bin = 1; bin < counts.Length; bin++)
            if (counts[bin] > counts[fullest]) fullest = bin;
        if (counts[fullest] == 0) return "#ffffff";
        var n = counts[fullest];
        return $"#{sums[fullest * 3] / n:x2}{sums[fullest * 3 + 1] / n:x2}{sums[fullest * 3 + 2] / n:x2}";
    }
}
