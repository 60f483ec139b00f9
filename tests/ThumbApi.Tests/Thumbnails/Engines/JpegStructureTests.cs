using ThumbApi.Thumbnails.Engines;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class JpegStructureTests
{
    [Theory]
    [InlineData("photo_cups_2560x1600_gps.jpg")]   // progressive, with EXIF, XMP and ICC segments
    [InlineData("syn_12mp_4000x3000_q90.jpg")]
    [InlineData("syn_exif6_stored4000x3000.jpg")]
    public void Whole_corpus_jpegs_reach_their_end_of_image(string file)
    {
        Assert.True(JpegStructure.ReachesEndOfImage(Corpus.Read(file)));
    }

    [Fact]
    public void Progressive_jpegs_with_restart_markers_reach_their_end_of_image()
    {
        using var image = Quadrants();

        Assert.True(JpegStructure.ReachesEndOfImage(image.JpegsaveBuffer(interlace: true, restartInterval: 2)));
    }

    [Fact]
    public void Trailing_bytes_after_the_end_of_image_are_allowed()
    {
        using var image = Quadrants();

        Assert.True(JpegStructure.ReachesEndOfImage([.. image.JpegsaveBuffer(), .. "trailer"u8]));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.999)]
    public void A_cut_jpeg_does_not(double kept)
    {
        var whole = Corpus.Read("syn_12mp_4000x3000_q90.jpg");

        Assert.False(JpegStructure.ReachesEndOfImage(whole.AsSpan(0, (int)(whole.Length * kept))));
    }

    [Fact]
    public void The_corpus_truncated_jpeg_does_not()
    {
        Assert.False(JpegStructure.ReachesEndOfImage(Corpus.Read("bad_truncated_50pct.jpg")));
    }
}
