namespace ThumbApi.Thumbnails.Engines;

/// <summary>What a codec holds to make one decode: the facts <see cref="DecodeBudget"/> needs from it.</summary>
/// <param name="Shrink">The loader's own reduction (JPEG shrink-on-load: 1, 2, 4 or 8); 1 for none.</param>
/// <param name="LoadedBytesPerPixel">Bytes per pixel of the loaded image's rows while the codec holds them.</param>
/// <param name="LoadedRows">
/// How many loaded rows (at 1/<paramref name="Shrink"/>) the codec holds at once: <see cref="WholeImage"/> when it
/// keeps the whole image before reducing it, a measured window when it streams.
/// </param>
/// <param name="DecodedBytesPerPixel">Bytes per pixel of the decode at the covering size that every preset derives from.</param>
public readonly record struct DecodeFootprint(int Shrink, int LoadedBytesPerPixel, int LoadedRows, int DecodedBytesPerPixel)
{
    public const int WholeImage = int.MaxValue;
}
