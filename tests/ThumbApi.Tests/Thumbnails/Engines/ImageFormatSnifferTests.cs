using System.Text;
using ThumbApi.Thumbnails.Engines;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class ImageFormatSnifferTests
{
    [Fact]
    public void Each_supported_format_is_told_from_its_bytes()
    {
        using var image = Quadrants();

        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.Detect(image.JpegsaveBuffer()));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.Detect(image.PngsaveBuffer()));
        Assert.Equal(ImageFormat.Gif, ImageFormatSniffer.Detect(image.GifsaveBuffer()));
        Assert.Equal(ImageFormat.Webp, ImageFormatSniffer.Detect(image.WebpsaveBuffer()));
    }

    [Fact]
    public void A_file_named_jpg_that_is_not_an_image_is_refused()
    {
        var bytes = Corpus.Read("bad_not_an_image.jpg");

        Assert.Null(ImageFormatSniffer.Detect(bytes));
        Assert.StartsWith("The file is not an image in a supported format", ImageFormatSniffer.Refusal(bytes));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\"/>", "The file is text or markup")]
    [InlineData("<!doctype html><p>hi", "The file is text or markup")]
    [InlineData("BM\0\0\0\0", "The file is a BMP image")]
    [InlineData("II*\0\0\0\0\0", "The file is a TIFF image")]
    [InlineData("MM\0*\0\0\0\0", "The file is a TIFF image")]
    [InlineData("\0\0\0\u001cftypavif", "The file is an HEIF/AVIF image")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ", "The file is not an image in a supported format")]
    public void Unsupported_bytes_are_refused_with_what_they_are(string content, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(content);

        Assert.Null(ImageFormatSniffer.Detect(bytes));
        Assert.StartsWith(reason, ImageFormatSniffer.Refusal(bytes));
        Assert.EndsWith("supported formats are JPEG, PNG, GIF and WebP.", ImageFormatSniffer.Refusal(bytes));
    }
}
