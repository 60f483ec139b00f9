using ThumbApi.Uploads;

namespace ThumbApi.Tests.Uploads;

/// <summary>Server-given image names: a ULID of the upload time and randomness, and the content type's extension.</summary>
public sealed class ImageNamesTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly DateTimeOffset At = new(2026, 11, 25, 15, 0, 0, 123, TimeSpan.Zero);

    [Theory]
    [InlineData("image/jpeg", "jpg")]
    [InlineData("image/png", "png")]
    [InlineData("image/gif", "gif")]
    [InlineData("IMAGE/WEBP", "webp")]
    public void A_name_is_26_Crockford_characters_and_the_extension_of_its_type(string contentType, string extension)
    {
        var name = ImageNames.New(contentType, At);

        Assert.Matches($"^[{Crockford}]{{26}}\\.{extension}$", name);
    }

    [Fact]
    public void The_first_ten_characters_are_the_upload_time_in_milliseconds()
    {
        // 48 bits of Unix milliseconds, most significant first: 3 bits in the first character, 5 in each of the next nine.
        var milliseconds = At.ToUnixTimeMilliseconds();
        var expected = new string(Enumerable.Range(0, 10).Select(i => Crockford[(int)((milliseconds >> (45 - 5 * i)) & 31)]).ToArray());

        Assert.Equal(expected, ImageNames.New("image/png", At)[..10]);
    }

    [Fact]
    public void Names_sort_by_upload_time_and_never_repeat()
    {
        var earlier = ImageNames.New("image/png", At);
        var later = ImageNames.New("image/png", At.AddMilliseconds(1));
        var sameMoment = Enumerable.Range(0, 1000).Select(_ => ImageNames.New("image/png", At)).ToList();

        Assert.True(string.CompareOrdinal(earlier, later) < 0, $"{earlier} sorts after {later}");
        Assert.Equal(1000, sameMoment.Distinct().Count());
        // The random part fills all 80 bits: over 1000 names, every one of the 16 trailing characters takes many values.
        Assert.All(Enumerable.Range(10, 16), i => Assert.True(sameMoment.Select(n => n[i]).Distinct().Count() > 16, $"character {i} barely varies"));
    }
}
