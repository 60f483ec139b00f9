using ThumbApi.Thumbnails.Engines;
using ThumbApi.Tests.Infrastructure;

namespace ThumbApi.Tests.Thumbnails.Engines;

public sealed class SourceCompletenessTests
{
    [Theory]
    [InlineData("syn_12mp_4000x3000_q90.jpg", ImageFormat.Jpeg)]
    [InlineData("syn_alpha_1600x1200.png", ImageFormat.Png)]
    [InlineData("syn_anim_480x360_8f.gif", ImageFormat.Gif)]
    [InlineData("syn_2000x1500_q80.webp", ImageFormat.Webp)]
    public void Whole_files_are_whole_and_cut_ones_are_not(string file, ImageFormat format)
    {
        var whole = Corpus.Read(file);

        Assert.True(SourceCompleteness.IsWhole(whole, format));
        Assert.False(SourceCompleteness.IsWhole(whole.AsSpan(0, whole.Length - 100), format));
        Assert.False(SourceCompleteness.IsWhole(whole.AsSpan(0, 20), format));
    }
}
