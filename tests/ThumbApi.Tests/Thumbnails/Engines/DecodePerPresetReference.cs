using NetVips;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;
using SharpImage = SixLabors.ImageSharp.Image;
using ThumbApi.Images;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>
/// How the engines rendered before they shared one decode between presets: each preset decoded the original on its
/// own. Kept as the reference the one-decode output is compared with. Only what the corpus inputs need (8-bit, no
/// JPEG presets, so no flattening).
/// </summary>
internal static class DecodePerPresetReference
{
    public static byte[] Render(ThumbnailEngineKind kind, byte[] source, ThumbnailPreset preset) =>
        kind == ThumbnailEngineKind.ImageSharp ? ImageSharp(source, preset) : NetVips(source, preset);

    private static byte[] NetVips(byte[] source, ThumbnailPreset preset)
    {
        using var header = Image.NewFromBuffer(source);
        using var thumbnail = Image.ThumbnailBuffer(source, preset.Width, "[fail_on=warning]",
            height: preset.Height,
            size: Enums.Size.Down,
            outputProfile: header.Contains("icc-profile-data") ? "srgb" : null,
            crop: preset.Fit == ThumbnailFit.Cover ? Enums.Interesting.Centre : Enums.Interesting.None);
        return preset.Format == ThumbnailFormat.Png
            ? thumbnail.PngsaveBuffer(compression: 6, keep: Enums.ForeignKeep.None)
            : thumbnail.WebpsaveBuffer(q: preset.Quality, effort: preset.Effort, keep: Enums.ForeignKeep.None);
    }

    private static byte[] ImageSharp(byte[] source, ThumbnailPreset preset)
    {
        using var image = SharpImage.Load<Rgba32>(source);
        image.Mutate(x => x.AutoOrient());
        var geometry = ThumbnailGeometry.For(image.Width, image.Height, preset);
        image.Mutate(x => x
            .Resize(new ResizeOptions
            {
                Size = new(geometry.ResizedWidth, geometry.ResizedHeight),
                Mode = ResizeMode.Stretch,
                Sampler = KnownResamplers.Lanczos3,
            })
            .Crop(new((geometry.ResizedWidth - geometry.Width) / 2, (geometry.ResizedHeight - geometry.Height) / 2, geometry.Width, geometry.Height)));
        using var output = new MemoryStream();
        if (preset.Format == ThumbnailFormat.Png)
            image.Save(output, new PngEncoder());
        else
            image.Save(output, new WebpEncoder { Quality = preset.Quality, FileFormat = WebpFileFormatType.Lossy, Method = (WebpEncodingMethod)preset.Effort });
        return output.ToArray();
    }
}
