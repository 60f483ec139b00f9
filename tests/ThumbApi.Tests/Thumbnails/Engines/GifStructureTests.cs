using ThumbApi.Thumbnails.Engines;
using static ThumbApi.Tests.Thumbnails.Engines.TestImages;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class GifStructureTests
{
    [Fact]
    public void The_corpus_animation_has_eight_frames_and_a_trailer()
    {
        Assert.Equal((8, true), GifStructure.Read(Corpus.Read("syn_anim_480x360_8f.gif")));
    }

    [Fact]
    public void A_still_gif_has_one_frame()
    {
        using var image = Quadrants();

        Assert.Equal((1, true), GifStructure.Read(image.GifsaveBuffer()));
    }

    [Fact]
    public void A_cut_animation_counts_the_frames_it_starts_and_has_no_trailer()
    {
        var gif = Corpus.Read("syn_anim_480x360_8f.gif");

        var (frames, reachesTrailer) = GifStructure.Read(gif.AsSpan(0, gif.Length / 2));

        Assert.InRange(frames, 4, 5);
        Assert.False(reachesTrailer);
    }
}
