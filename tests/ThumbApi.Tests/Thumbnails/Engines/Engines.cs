using Microsoft.Extensions.Options;
using ThumbApi.Images;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Tests.Thumbnails.Engines;

/// <summary>Builds either engine the way the service does, so every conformance case runs through both.</summary>
internal static class Engines
{
    public static TheoryData<ThumbnailEngineKind> Kinds => new(ThumbnailEngineKind.NetVips, ThumbnailEngineKind.ImageSharp);

    public static IThumbnailEngine Create(ThumbnailEngineKind kind, Action<ThumbnailOptions>? configure = null)
    {
        var options = new ThumbnailOptions();
        configure?.Invoke(options);
        return kind switch
        {
            ThumbnailEngineKind.ImageSharp => new ImageSharpThumbnailEngine(Options.Create(options)),
            _ => new NetVipsThumbnailEngine(Options.Create(options)),
        };
    }

    public static RenderedThumbnail RenderOne(this IThumbnailEngine engine, byte[] source, ThumbnailPreset preset) =>
        engine.Render(source, [("test", preset)]).Thumbnails.Single();

    public static ThumbnailPreset Cover(int width, int height, ThumbnailFormat format = ThumbnailFormat.Png) =>
        new() { Width = width, Height = height, Fit = ThumbnailFit.Cover, Format = format };

    public static ThumbnailPreset Contain(int width, int height, ThumbnailFormat format = ThumbnailFormat.Png) =>
        new() { Width = width, Height = height, Fit = ThumbnailFit.Contain, Format = format };
}
