using Microsoft.AspNetCore.Http;
using ThumbApi.Images;

namespace ThumbApi.Tests.Images;

/// <summary>Each reason a name is refused, word for word: the 400 problem tells the client exactly this.</summary>
public sealed class ImageNameValidationTests
{
    [Theory]
    [InlineData("", "The name is empty.")]
    [InlineData("/a.jpg", "The name starts or ends with '/'.")]
    [InlineData("albums/", "The name starts or ends with '/'.")]
    [InlineData("a\\b.jpg", "The name contains a backslash.")]
    [InlineData("a\tb.jpg", "The name contains a control character.")]
    [InlineData("a//b.jpg", "The name contains an empty, '.' or '..' segment.")]
    [InlineData("a/./b.jpg", "The name contains an empty, '.' or '..' segment.")]
    [InlineData("a/../b.jpg", "The name contains an empty, '.' or '..' segment.")]
    [InlineData("albums/2026/été photo.jpg", null)]
    public void Validate_says_why_a_name_is_refused(string name, string? reason) => Assert.Equal(reason, ImageName.Validate(name));

    [Fact]
    public void The_length_limit_is_in_UTF8_bytes_and_named_in_the_reason()
    {
        Assert.Null(ImageName.Validate(new string('a', ImageName.MaxBytes)));
        Assert.Equal($"The name is longer than {ImageName.MaxBytes} bytes.", ImageName.Validate(new string('a', ImageName.MaxBytes + 1)));
        Assert.NotNull(ImageName.Validate(new string('é', ImageName.MaxBytes / 2 + 1)));
    }

    [Theory]
    [InlineData("albums%2F2026%2Fbeach.jpg", "albums/2026/beach.jpg")]
    [InlineData("albums%2f2026/beach.jpg", "albums/2026/beach.jpg")]
    [InlineData("beach.jpg", "beach.jpg")]
    public async Task The_route_value_binds_with_both_spellings_of_a_slash(string routeValue, string name)
    {
        var context = new DefaultHttpContext();
        context.Request.RouteValues["name"] = routeValue;

        Assert.Equal(name, (await ImageName.BindAsync(context)).Value);
    }

    [Fact]
    public async Task A_route_value_that_cannot_name_an_image_is_a_bad_request_saying_why()
    {
        var context = new DefaultHttpContext();
        context.Request.RouteValues["name"] = "a/../b.jpg";

        var error = await Assert.ThrowsAsync<BadHttpRequestException>(async () => await ImageName.BindAsync(context));

        Assert.Equal("Invalid image name: The name contains an empty, '.' or '..' segment.", error.Message);
        Assert.Equal("Invalid image name: The name is empty.",
            (await Assert.ThrowsAsync<BadHttpRequestException>(async () => await ImageName.BindAsync(new DefaultHttpContext()))).Message);
    }
}
