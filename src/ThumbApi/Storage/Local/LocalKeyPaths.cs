using System.Text;

namespace ThumbApi.Storage.Local;

/// <summary>
/// Where a key lives under the embedded store's root. A file name holds at most 255 bytes, while S3 keys may have
/// longer segments (a 246-byte image name gets <c>.medium.webp</c> appended for its thumbnail). Such a segment is
/// stored as a chain of folders, every chunk but the last ending in <see cref="ContinuationMark"/>: no key the
/// service handles contains a control character, so the mapping is reversible.
/// </summary>
public static class LocalKeyPaths
{
    public const char ContinuationMark = '\u0001';
    private const int MaxFileNameBytes = 255;
    private const int MaxChunkBytes = MaxFileNameBytes - 1;

    /// <summary>The path of <paramref name="key"/> relative to the root, with <c>/</c> as the separator.</summary>
    public static string ToRelativePath(string key) => string.Join('/', key.Split('/').Select(Segment));

    /// <summary>The key of a file found at <paramref name="relativePath"/> (<c>/</c> as the separator).</summary>
    public static string ToKey(string relativePath) => relativePath.Replace($"{ContinuationMark}/", "", StringComparison.Ordinal);

    private static string Segment(string segment)
    {
        if (Encoding.UTF8.GetByteCount(segment) <= MaxFileNameBytes) return segment;
        var chunks = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        // By whole characters (runes), so that no chunk ends in half of a UTF-8 sequence.
        foreach (var rune in segment.EnumerateRunes())
        {
            if (chunkBytes + rune.Utf8SequenceLength > MaxChunkBytes)
            {
                chunks.Add(chunk.Append(ContinuationMark).ToString());
                chunk.Clear();
                chunkBytes = 0;
            }
            chunk.Append(rune.ToString());
            chunkBytes += rune.Utf8SequenceLength;
        }
        chunks.Add(chunk.ToString());
        return string.Join('/', chunks);
    }
}
