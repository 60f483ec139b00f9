using System.Runtime.InteropServices;

namespace ThumbApi.Thumbnails.Engines;

public static class SourceBytes
{
    /// <summary>The bytes as an array of exactly their length (what the decoders take), copied only when they are not one already.</summary>
    public static byte[] ToExactArray(this ReadOnlyMemory<byte> source) =>
        MemoryMarshal.TryGetArray(source, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : source.ToArray();
}
