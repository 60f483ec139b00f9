using System.ComponentModel.DataAnnotations;
using ThumbApi.Thumbnails;

namespace ThumbApi.Tests.Thumbnails;

public sealed class ThumbnailOptionsValidationTests
{
    private static List<string> Errors(ThumbnailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(Errors(new ThumbnailOptions()));
    }

    [Theory]
    [InlineData("white")]
    [InlineData("#fff")]
    [InlineData("#gg0000")]
    public void The_background_must_be_a_hex_colour(string background)
    {
        var options = new ThumbnailOptions();
        options.Background = background;

        Assert.Equal([$"Thumbnails:Background must look like #rrggbb (got '{background}')."], Errors(options));
    }

    [Fact]
    public void Limits_must_be_positive()
    {
        var options = new ThumbnailOptions();
        options.MaxSourcePixels = 0;
        options.MaxSourceBytes = -1;
        options.MaxDecodeBytes = 0;
        options.MaxSourceSide = 0;

        Assert.Equal(
            ["Thumbnails:MaxSourcePixels must be positive.", "Thumbnails:MaxDecodeBytes must be positive.",
             "Thumbnails:MaxSourceSide must be positive.", "Thumbnails:MaxSourceBytes must be positive."],
            Errors(options));
    }
}
