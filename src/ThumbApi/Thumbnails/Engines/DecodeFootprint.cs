namespace ThumbApi.Thumbnails.Engines;

/// <summary>What a codec holds to make one decode: the facts <see cref="DecodeBudget"/> needs from it.</summary>
/// <param name="Shrink">The loader's own reduction (JPEG shrink-on-load: 1, 2, 4 or 8); 1 for none.</param>
/// <param name="WholeImageBytesPerPixel">Bytes per pixel of the whole loaded image when the codec keeps all of it; 0 when it streams.</param>
/// <param name="WindowRows">How many full-width loaded rows the codec's processing holds at once while it streams.</param>
/// <param name="WindowBytesPerPixel">Bytes per pixel of those rows as the processing holds them (libvips: float).</param>
/// <param name="DecodedBytesPerPixel">Bytes per pixel of the decode at the covering size that every preset derives from.</param>
public readonly record struct DecodeFootprint(
    int Shrink, int WholeImageBytesPerPixel, int WindowRows, int WindowBytesPerPixel, int DecodedBytesPerPixel);
