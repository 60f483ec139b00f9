using System.Text;
using ThumbApi.Storage.Local;

namespace ThumbApi.Tests.Storage;

public sealed class LocalKeyPathsTests
{
    [Theory]
    [InlineData("images/a.jpg")]
    [InlineData("thumbnails/albums/2026/été 写真.jpg.small.png")]
    public void Keys_whose_segments_fit_a_file_name_are_their_own_path(string key) => Assert.Equal(key, LocalKeyPaths.ToRelativePath(key));

    [Theory]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(509)]
    [InlineData(949)]
    public void Every_segment_of_the_path_fits_a_file_name_and_the_key_comes_back(int nameBytes)
    {
        foreach (var name in new[] { new string('a', nameBytes), string.Concat(Enumerable.Repeat("é", nameBytes / 2)), string.Concat(Enumerable.Repeat("写", nameBytes / 3)) })
        {
            var key = $"thumbnails/{name}.medium.webp";

            var path = LocalKeyPaths.ToRelativePath(key);

            Assert.All(path.Split('/'), segment => Assert.InRange(Encoding.UTF8.GetByteCount(segment), 1, 255));
            Assert.Equal(key, LocalKeyPaths.ToKey(path));
        }
    }
}
