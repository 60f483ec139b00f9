using ThumbApi.Images;
using ThumbApi.Thumbnails;
using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class ThumbnailGeometryTests
{
    [Theory]
    [InlineData(4000, 3000, 107, 80, 80, 80)]
    [InlineData(3000, 4000, 80, 107, 80, 80)]
    [InlineData(80, 80, 80, 80, 80, 80)]
    [InlineData(40, 30, 40, 30, 40, 30)]     // never enlarged
    [InlineData(100, 50, 100, 50, 80, 50)]   // too small one way: cropped, not enlarged
    [InlineData(10000, 1, 10000, 1, 80, 1)]
    [InlineData(1, 1, 1, 1, 1, 1)]
    public void Cover_scales_to_fill_then_crops_to_the_box(int width, int height, int resizedWidth, int resizedHeight, int outWidth, int outHeight)
    {
        var preset = new ThumbnailPreset { Width = 80, Height = 80, Fit = ThumbnailFit.Cover };

        Assert.Equal(new ThumbnailGeometry(resizedWidth, resizedHeight, outWidth, outHeight), ThumbnailGeometry.For(width, height, preset));
    }

    [Theory]
    [InlineData(4000, 3000, 480, 360)]
    [InlineData(2560, 1600, 480, 300)]
    [InlineData(3000, 4000, 360, 480)]
    [InlineData(200, 100, 200, 100)]         // never enlarged
    [InlineData(10000, 1, 480, 1)]           // a side never rounds down to nothing
    [InlineData(1, 10000, 1, 480)]
    public void Contain_fits_inside_the_box_keeping_the_aspect_ratio(int width, int height, int outWidth, int outHeight)
    {
        var preset = new ThumbnailPreset { Width = 480, Height = 480, Fit = ThumbnailFit.Contain };

        Assert.Equal(new ThumbnailGeometry(outWidth, outHeight, outWidth, outHeight), ThumbnailGeometry.For(width, height, preset));
    }

    [Fact]
    public void The_one_decode_is_as_large_as_the_largest_resize_before_any_crop()
    {
        ThumbnailGeometry[] geometries =
        [
            ThumbnailGeometry.For(4000, 3000, new ThumbnailPreset { Width = 80, Height = 80, Fit = ThumbnailFit.Cover }),     // 107×80
            ThumbnailGeometry.For(4000, 3000, new ThumbnailPreset { Width = 480, Height = 480, Fit = ThumbnailFit.Contain }), // 480×360
            ThumbnailGeometry.For(4000, 3000, new ThumbnailPreset { Width = 600, Height = 100, Fit = ThumbnailFit.Cover }),   // 600×450, cropped to 600×100
        ];

        Assert.Equal((600, 450), ThumbnailGeometry.Covering(geometries));
    }
}
