using ThumbApi.Thumbnails.Engines;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class DecodeBudgetTests
{
    private static readonly DecodeBudget Budget = new(MaxBytes: 256L * 1024 * 1024, MaxSide: 65_535);

    private static SourceHeader Header(int width, int height, int bytesPerPixel) =>
        new(width, height, Frames: 1, SwapsSides: false, HasColourProfile: false, bytesPerPixel, Interlaced: false);

    [Fact]
    public void A_streaming_codec_holds_its_window_of_rows_and_the_covering_decode()
    {
        var footprint = new DecodeFootprint(Shrink: 1, WholeImageBytesPerPixel: 0, WindowRows: 100, WindowBytesPerPixel: 16, DecodedBytesPerPixel: 8);

        Assert.Equal(10_000L * 100 * 16 + 500 * 80 * 8, DecodeBudget.BytesHeld(Header(10_000, 3_000, 8), (500, 80), footprint));
    }

    [Fact]
    public void A_source_shorter_than_the_window_is_streamed_whole()
    {
        var footprint = new DecodeFootprint(1, 0, WindowRows: 512, WindowBytesPerPixel: 16, DecodedBytesPerPixel: 3);

        Assert.Equal(65_535L * 79 * 16 + 65_535L * 79 * 3, DecodeBudget.BytesHeld(Header(65_535, 79, 3), (65_535, 79), footprint));
    }

    [Fact]
    public void A_codec_that_keeps_the_whole_image_holds_it_beside_its_window()
    {
        var footprint = new DecodeFootprint(1, WholeImageBytesPerPixel: 4, WindowRows: 512, WindowBytesPerPixel: 32, DecodedBytesPerPixel: 4);

        Assert.Equal(4_000L * 3_000 * 4 + 4_000L * 512 * 32 + 107 * 80 * 4, DecodeBudget.BytesHeld(Header(4_000, 3_000, 4), (107, 80), footprint));
    }

    [Fact]
    public void Shrink_on_load_divides_the_loaded_rows_and_their_width()
    {
        var footprint = new DecodeFootprint(Shrink: 8, WholeImageBytesPerPixel: 3, WindowRows: 0, WindowBytesPerPixel: 0, DecodedBytesPerPixel: 3);

        Assert.Equal(1_000L * 750 * 3 + 480 * 360 * 3, DecodeBudget.BytesHeld(Header(7_999, 5_999, 3), (480, 360), footprint));
    }

    [Fact]
    public void A_decode_within_the_budget_is_allowed()
    {
        var footprint = new DecodeFootprint(1, 4, 0, 0, 4);

        Assert.Null(Budget.Refusal(Header(8_000, 6_000, 3), ImageFormat.Jpeg, (480, 360), footprint));
    }

    [Fact]
    public void A_thin_source_whose_cover_crop_keeps_its_whole_width_is_refused_naming_the_budget()
    {
        // 60000×300 at 16-bit RGBA: a cover 400×400 cannot enlarge it, so the decode is the whole source.
        var footprint = new DecodeFootprint(1, 0, 512, 16, 8);

        var refusal = Budget.Refusal(Header(60_000, 300, 8), ImageFormat.Png, (60_000, 300), footprint);

        Assert.Equal("The PNG image is 60000×300: thumbnailing it would hold 412 MiB of pixels (its rows as the decoder holds them "
            + "and a 60000×300 decode for the presets), more than the memory budget of 256 MiB (Thumbnails:MaxDecodeBytes).", refusal);
    }

    [Theory]
    [InlineData(50_000_000, 1)]
    [InlineData(1, 50_000_000)]
    [InlineData(65_536, 1)]
    public void A_side_longer_than_the_limit_is_refused_whatever_it_would_hold(int width, int height)
    {
        var refusal = Budget.Refusal(Header(width, height, 1), ImageFormat.Png, (1, 1), new DecodeFootprint(1, 1, 1, 1, 1));

        Assert.StartsWith($"The PNG image is {width}×{height}: a side longer than the limit of 65,535 pixels (Thumbnails:MaxSourceSide)", refusal);
    }

    [Fact]
    public void The_longest_side_the_limit_allows_is_allowed()
    {
        Assert.Null(Budget.Refusal(Header(65_535, 1, 3), ImageFormat.Png, (65_535, 1), new DecodeFootprint(1, 0, 512, 16, 3)));
    }
}
