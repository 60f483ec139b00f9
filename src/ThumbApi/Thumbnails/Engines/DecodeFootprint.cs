namespace ThumbApi.Thumbnails.Engines;

/// <summary>What a codec holds to make one decode: the facts <see cref="DecodeBudget"/> needs from it.</summary>
/// <param name="Shrink">The loader's own reduction (JPEG shrink-on-load: 1, 2, 4 or 8); 1 for none.</param>
/// <param name="LoadedBytesPerPixel">
/// Bytes per pixel of the whole loaded image (at 1/<paramref name="Shrink"/>) when the codec holds all of it before
/// reducing it; 0 when it streams rows (a baseline JPEG or non-interlaced PNG in libvips).
/// </param>
/// <param name="DecodedBytesPerPixel">Bytes per pixel of the decode at the covering size that every preset derives from.</param>
public readonly record struct DecodeFootprint(int Shrink, int LoadedBytesPerPixel, int DecodedBytesPerPixel);
