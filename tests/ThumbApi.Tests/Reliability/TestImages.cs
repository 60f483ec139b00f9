using NetVips;

namespace ThumbApi.Tests.Reliability;

public static class TestImages
{
    /// <summary>A small JPEG that decodes fast, so that bursts measure the pipeline rather than the decoder.</summary>
    public static byte[] SmallJpeg()
    {
        using var grey = Image.Black(64, 48, bands: 3) + 128;
        using var image = grey.Cast(Enums.BandFormat.Uchar);
        return image.JpegsaveBuffer();
    }
}
