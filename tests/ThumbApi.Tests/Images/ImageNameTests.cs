using ThumbApi.Images;

namespace ThumbApi.Tests.Images;

public sealed class ImageNameTests
{
    [Theory]
    [InlineData("a.jpg")]
    [InlineData("My Holiday Photo.jpg")]
    [InlineData("albums/2026/été 写真.jpg")]
    [InlineData("a+b.jpg")]
    [InlineData("..hidden.jpg")]
    public void Names_from_other_tools_are_accepted(string name) => Assert.Null(ImageName.Validate(name));

    [Theory]
    [InlineData("")]
    [InlineData("../appsettings.json")]
    [InlineData("a/../../secret")]
    [InlineData("a/./b.jpg")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.jpg")]
    [InlineData("dir/")]
    [InlineData("a\\..\\b.jpg")]
    [InlineData("a\0b.jpg")]
    [InlineData("a\nb.jpg")]
    public void Names_that_could_escape_or_confuse_the_layout_are_refused(string name) =>
        Assert.NotNull(ImageName.Validate(name));

    [Fact]
    public void A_name_whose_derived_keys_would_exceed_1024_bytes_is_refused()
    {
        Assert.Null(ImageName.Validate(new string('a', ImageName.MaxBytes)));
        Assert.NotNull(ImageName.Validate(new string('a', ImageName.MaxBytes + 1)));
        Assert.NotNull(ImageName.Validate(new string('é', ImageName.MaxBytes / 2 + 1)));
    }

    [Fact]
    public void Thumbnail_keys_keep_the_whole_name_so_similar_names_never_collide()
    {
        var keys = new[] { "a.b.jpg", "a.c.jpg", "a.jpg", "a.png", "a.jpg.small", "a.jpg.renditions" }
            .SelectMany(name => new[] { ImageName.Parse(name).ThumbnailKey("small", "png"), ImageName.Parse(name).ThumbnailKey("medium", "webp"), ImageName.Parse(name).FailureKey, ImageName.Parse(name).RenditionsKey })
            .ToList();

        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(keys, key => Assert.StartsWith("thumbnails/", key));
    }

    [Theory]
    [InlineData("images/a.jpg", "a.jpg")]
    [InlineData("images/x/y.jpg", "x/y.jpg")]
    public void Image_keys_give_their_name(string key, string name)
    {
        Assert.True(ImageName.TryFromKey(key, out var found));
        Assert.Equal(name, found.Value);
    }

    [Theory]
    [InlineData("thumbnails/a.jpg.small.png")]
    [InlineData("images/")]
    [InlineData("images/../x.jpg")]
    [InlineData("imagesx.jpg")]
    public void Other_keys_are_not_images(string key) => Assert.False(ImageName.TryFromKey(key, out _));
}
